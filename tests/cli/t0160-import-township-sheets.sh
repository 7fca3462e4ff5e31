#!/bin/sh
# The lists townships really send: title rows above the header, notes below
# the data, tab- or semicolon-separated text, the list on another worksheet.
# Rows keep the line numbers of the file (行号 in the error file).
. "$(dirname "$0")/lib.sh"
db=$(new_db)

# reason_lines ERRORS: the 行号 column of an error file, space separated.
reason_lines() {
    python3 - "$1" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
col = rows[0].index("行号")
print(" ".join(r[col] for r in rows[1:]))
PY
}

# A CSV with two title rows, a blank row, the header on line 4, a bad ID on
# line 6, and notes below the data.
cat >"$WORK/titled.csv" <<'CSV'
某镇2024年脱贫人口名单,,,
填报单位：某村,,,
,,,
姓名,证件号码,户籍地区划代码,帮扶类别
张伟,37081119800101001X,370811,建档立卡贫困人口
李娜,12345,370811,建档立卡贫困人口
,,,
注：本表由村委会填写,,,
填表人：王五,审核人：赵六,,
CSV
out=$(bf --db "$db" import people "$WORK/titled.csv" 2>"$WORK/stderr")
expect_eq "$out" '{"rows":2,"inserted":1,"updated":0,"unchanged":0,"rejected":1}' "title rows and notes"
expect_eq "$(reason_lines "$WORK/titled.csv.errors.csv")" "6" "line of the rejected row"
grep -Eq '(跳过 2 行|skipped 2 rows).*( 8 |line 8)' "$WORK/stderr" || fail "notes not reported: $(cat "$WORK/stderr")"

# The same list separated by tabs, then by semicolons: detected.
tr ',' '\t' <"$WORK/titled.csv" >"$WORK/tabs.csv"
tr ',' ';' <"$WORK/titled.csv" >"$WORK/semicolons.csv"
for f in tabs semicolons; do
    out=$(bf --db "$db" import people "$WORK/$f.csv" 2>/dev/null)
    expect_eq "$out" '{"rows":2,"inserted":0,"updated":0,"unchanged":1,"rejected":1}' "$f detected"
    expect_eq "$(reason_lines "$WORK/$f.csv.errors.csv")" "6" "line of the rejected row ($f)"
done
# Named: used as is; the wrong one is refused saying what was tried.
out=$(bf --db "$db" import people "$WORK/semicolons.csv" --separator semicolon 2>/dev/null)
expect_contains "$out" '"rejected":1' "--separator semicolon"
if bf --db "$db" import people "$WORK/semicolons.csv" --separator tab 2>"$WORK/stderr" >/dev/null; then
    fail "a semicolon file read with tabs was accepted"
fi
grep -Eq '制表符|tab' "$WORK/stderr" || fail "the separator tried is not named: $(cat "$WORK/stderr")"
if bf --db "$db" import people "$WORK/semicolons.csv" --separator pipe 2>/dev/null >/dev/null; then
    fail "unknown separator accepted"
fi
# No header anywhere: the reason names the separators tried.
printf 'a,b\nc,d\n' >"$WORK/nothing.csv"
if bf --db "$db" import people "$WORK/nothing.csv" 2>"$WORK/stderr" >/dev/null; then
    fail "a file without header was accepted"
fi
grep -Eq '(逗号|comma).*(分号|semicolon)' "$WORK/stderr" || fail "separators tried not named: $(cat "$WORK/stderr")"

# An .xlsx workbook: instructions on the first sheet, the list on the second
# under a title, notes below, rows numbered as in the sheet.
python3 - "$WORK/township.xlsx" <<'PY'
import sys, zipfile
from xml.sax.saxutils import escape
def sheet(rows):
    out = ['<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for r, cells in rows:
        out.append('<row r="%d">' % r)
        for c, text in enumerate(cells):
            if text:
                out.append('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % ("ABCD"[c], r, escape(text)))
        out.append('</row>')
    out.append('</sheetData></worksheet>')
    return "".join(out)
help_sheet = sheet([(1, ["请按第二张表填写"])])
list_sheet = sheet([(1, ["某镇2024年脱贫人口名单"]), (3, ["姓名", "证件号码", "户籍地区划代码", "帮扶类别"]),
                    (4, ["张伟", "37081119800101001X", "370811", "建档立卡贫困人口"]),
                    (5, ["王芳", "370811", "370811", "建档立卡贫困人口"]), (7, ["注：以上名单已公示"])])
ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
workbook = '<workbook %s><sheets><sheet name="说明" sheetId="1" r:id="rId1"/><sheet name="名单" sheetId="2" r:id="rId2"/></sheets></workbook>' % ns
rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>'
        '</Relationships>')
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("xl/workbook.xml", workbook)
    z.writestr("xl/_rels/workbook.xml.rels", rels)
    z.writestr("xl/worksheets/sheet1.xml", help_sheet)
    z.writestr("xl/worksheets/sheet2.xml", list_sheet)
PY
out=$(bf --db "$db" import people "$WORK/township.xlsx" 2>"$WORK/stderr")
expect_eq "$out" '{"rows":2,"inserted":0,"updated":0,"unchanged":1,"rejected":1}' "xlsx: the list on the second sheet"
expect_eq "$(reason_lines "$WORK/township.xlsx.errors.csv")" "5" "xlsx: sheet row of the rejected row"
grep -Eq '( 7 |line 7)' "$WORK/stderr" || fail "xlsx notes not reported: $(cat "$WORK/stderr")"
out=$(bf --db "$db" import people "$WORK/township.xlsx" --sheet 名单 2>/dev/null)
expect_contains "$out" '"rejected":1' "--sheet by name"
out=$(bf --db "$db" import people "$WORK/township.xlsx" --sheet 2 2>/dev/null)
expect_contains "$out" '"rejected":1' "--sheet by number"
if bf --db "$db" import people "$WORK/township.xlsx" --sheet 说明 2>"$WORK/stderr" >/dev/null; then
    fail "a sheet without header was imported"
fi
expect_contains "$(cat "$WORK/stderr")" "说明" "the sheet tried is named"
if bf --db "$db" import people "$WORK/township.xlsx" --sheet 花名册 2>"$WORK/stderr" >/dev/null; then
    fail "an unknown sheet was imported"
fi
expect_contains "$(cat "$WORK/stderr")" "名单" "the sheets are listed"
echo ok
