#!/bin/sh
# Regenerates the io_* fixtures used by tests/unit/test_io.c (run from the repository root).
#  - io_gb18030.csv: tests/data/io_utf8.csv converted to GB18030, as Excel in China saves CSV;
#  - io_excel_style.xlsx: a workbook written the way Excel, WPS and other producers write
#    them (shared strings with rich text and phonetic runs, first sheet not sheet1.xml,
#    absolute and relative targets, an "x:" namespace prefix, cells without r=, gaps).
set -eu
cd "$(dirname "$0")"
iconv -f UTF-8 -t GB18030 io_utf8.csv > io_gb18030.csv
python3 - <<'PY'
import zipfile
W = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
parts = {
'[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
  '<Default Extension="xml" ContentType="application/xml"/></Types>',
'_rels/.rels': '<?xml version="1.0" encoding="UTF-8"?>\n'
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
'xl/workbook.xml': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
  f'<workbook {W} {R}><bookViews><workbookView/></bookViews><sheets>'
  '<sheet name="名单" sheetId="2" r:id="rId7"/><sheet name="其他" sheetId="1" r:id="rId1"/>'
  '</sheets></workbook>',
'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/>'
  '<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>'
  '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/>'
  '</Relationships>',
'xl/strings.xml': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
  f'<sst {W} count="6" uniqueCount="6">'
  '<si><t>姓名</t></si>'
  '<si><t>身份证号</t></si>'
  '<si><r><rPr><b/><sz val="11"/></rPr><t>张</t></r><r><t xml:space="preserve">三 </t></r>'
  '<rPh sb="0" eb="1"><t>ZHANG</t></rPh><phoneticPr fontId="1"/></si>'
  '<si><t>11010119900307777X</t></si>'
  '<si><t>第一行_x000D_\n第二行 &amp; &lt;备注&gt;</t></si>'
  '<si><t>0012</t></si>'
  '</sst>',
'xl/worksheets/sheet1.xml': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
  f'<worksheet {W}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>',
'xl/worksheets/sheet2.xml': '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
  '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
  '<x:dimension ref="A1:E7"/><x:sheetData>'
  '<x:row r="1" spans="1:5"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c>'
  '<x:c r="C1" t="inlineStr"><x:is><x:t>编号</x:t></x:is></x:c><x:c r="D1" t="inlineStr"><x:is><x:t>数量</x:t></x:is></x:c>'
  '<x:c r="E1" t="inlineStr"><x:is><x:r><x:t>备</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>注</x:t></x:r></x:is></x:c>'
  '<x:c r="XFD1" s="3"/></x:row>'
  '<x:row r="2"><x:c r="A2" t="s"><x:v>2</x:v></x:c><x:c r="B2" t="s"><x:v>3</x:v></x:c>'
  '<x:c r="C2" t="s"><x:v>5</x:v></x:c><x:c r="D2"><x:v>1730</x:v></x:c><x:c r="E2" t="s"><x:v>4</x:v></x:c></x:row>'
  '<x:row r="3"><x:c r="A3" s="2"/><x:c r="B3" s="2"/></x:row>'
  '<x:row r="4"><x:c r="B4" t="str"><x:f>A2&amp;"x"</x:f><x:v>张三 x</x:v></x:c>'
  '<x:c r="D4"><x:v>0.5</x:v></x:c></x:row>'
  '<x:row r="6"><x:c t="b"><x:v>1</x:v></x:c><x:c t="b"><x:v>0</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c>'
  '<x:c r="E6" t="inlineStr"><x:is><x:t>　全角空格　</x:t></x:is></x:c></x:row>'
  '</x:sheetData></x:worksheet>',
}
with zipfile.ZipFile('io_excel_style.xlsx', 'w', zipfile.ZIP_DEFLATED) as z:
    for name, text in parts.items():
        z.writestr(name, text.encode('utf-8'))
PY
