#!/bin/sh
# A cell over TABLE_CELL_MAX (4096 bytes) or a value beyond column 256
# rejects that row alone, with its line, column, the limit and the reason
# (Chinese, or English under LANG=C); the rows after it are imported.  The
# caps of an import (import.max_rejected) still stop a file of such rows.
. "$(dirname "$0")/lib.sh"
db=$(new_db)

# errors_column ERRORS NAME: the column NAME of an error file, one row a line.
errors_column() {
    python3 - "$1" "$2" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
col = rows[0].index(sys.argv[2])
for r in rows[1:]:
    print(r[col])
PY
}

# CSV: header on line 1; line 3 has a 5000-byte 技能 cell (a quoted one spanning
# lines 3-4), line 5 a value in column 300, line 6 only empty cells beyond 256
# (what Excel pads with: accepted); lines 2, 6 and 7 are good.
python3 - "$WORK/long.csv" <<'PY'
import sys
long_text = "长" * 1667  # 5001 bytes of UTF-8: cut inside a character
rows = ["姓名,证件号码,户籍地区划代码,帮扶类别,技能",
        "张伟,37081119800101001X,370811,建档立卡贫困人口,电工",
        '李娜,370811198505050023,370811,建档立卡贫困人口,"' + long_text[:5] + "\n" + long_text + '"',
        "王芳,370811199001010022,370811,建档立卡贫困人口," + "," * 295 + "多余",
        "赵强,370811197001010015,370811,建档立卡贫困人口,焊工" + "," * 400,
        "刘洋,370811198001010036,370811,建档立卡贫困人口,"]
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(rows) + "\n")
PY
out=$(bf --db "$db" import people "$WORK/long.csv" 2>"$WORK/stderr") || fail "import failed: $(cat "$WORK/stderr")"
expect_eq "$out" '{"rows":5,"inserted":3,"updated":0,"unchanged":0,"rejected":2}' "csv: rows over the limits rejected alone"
expect_eq "$(errors_column "$WORK/long.csv.errors.csv" 行号 | tr '\n' ' ')" "3 5 " "csv: lines of the rejected rows"
reasons=$(errors_column "$WORK/long.csv.errors.csv" 错误原因)
expect_contains "$reasons" "第 5 列（E）超过 4096 字节" "csv: long cell named"
expect_contains "$reasons" "第 3 行的引号" "csv: the quote hinted"
expect_contains "$reasons" "第 300 列（KN）有内容，超过 256 列的上限" "csv: column beyond the limit named"
# the cut cell is kept whole characters (valid UTF-8) in the error file
python3 -c 'import sys; open(sys.argv[1], encoding="utf-8").read()' "$WORK/long.csv.errors.csv" ||
    fail "the error file is not valid UTF-8"
# English under LANG=C
out=$(LANG=C LC_ALL=C bf --db "$db" import people "$WORK/long.csv" --errors "$WORK/en.csv" 2>/dev/null)
expect_contains "$out" '"rejected":2' "csv: English run"
reasons=$(errors_column "$WORK/en.csv" 错误原因)
expect_contains "$reasons" "column 5 (E) is longer than 4096 bytes" "csv: long cell in English"
expect_contains "$reasons" "column 300 (KN) holds a value beyond the limit of 256 columns" "csv: wide row in English"

# XLSX: an inline string and a shared string over the limit, a value in column
# 300 (KN); row numbers are the sheet's.
python3 - "$WORK/long.xlsx" <<'PY'
import sys, zipfile
from xml.sax.saxutils import escape
shared = ["字" * 2000]  # 6000 bytes
def cell(ref, text):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(text))
rows = [(2, [("A", "姓名"), ("B", "证件号码"), ("C", "户籍地区划代码"), ("D", "帮扶类别"), ("E", "技能")]),
        (3, [("A", "张伟"), ("B", "37081119800101001X"), ("C", "370811"), ("D", "建档立卡贫困人口")]),
        (5, [("A", "李娜"), ("B", "370811198505050023"), ("C", "370811"), ("D", "建档立卡贫困人口"), ("E", "x" * 4097)]),
        (6, [("A", "王芳"), ("B", "370811199001010022"), ("C", "370811"), ("D", "建档立卡贫困人口"), ("KN", "多余")]),
        (8, [("A", "赵强"), ("B", "370811197001010015"), ("C", "370811"), ("D", "建档立卡贫困人口")]),
        (9, [("A", "刘洋"), ("B", "370811198001010036"), ("C", "370811"), ("D", "建档立卡贫困人口"), ("E", None)])]
xml = ['<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
for r, cells in rows:
    xml.append('<row r="%d">' % r)
    for col, text in cells:
        if text is None:
            xml.append('<c r="%s%d" t="s"><v>0</v></c>' % (col, r))
        else:
            xml.append(cell("%s%d" % (col, r), text))
    xml.append('</row>')
xml.append('</sheetData></worksheet>')
sst = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + \
      "".join("<si><t>%s</t></si>" % escape(s) for s in shared) + '</sst>'
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("xl/worksheets/sheet1.xml", "".join(xml))
    z.writestr("xl/sharedStrings.xml", sst)
PY
out=$(bf --db "$db" import people "$WORK/long.xlsx" 2>"$WORK/stderr") || fail "xlsx import failed: $(cat "$WORK/stderr")"
expect_eq "$out" '{"rows":5,"inserted":0,"updated":0,"unchanged":2,"rejected":3}' "xlsx: rows over the limits rejected alone"
expect_eq "$(errors_column "$WORK/long.xlsx.errors.csv" 行号 | tr '\n' ' ')" "5 6 9 " "xlsx: sheet rows of the rejected rows"
reasons=$(errors_column "$WORK/long.xlsx.errors.csv" 错误原因)
expect_contains "$reasons" "第 5 列（E）超过 4096 字节" "xlsx: long cell named"
expect_contains "$reasons" "第 300 列（KN）有内容" "xlsx: column beyond the limit named"

# A header over the limits is the file's error (every row would be read against it).
python3 -c 'import sys; open(sys.argv[1], "w").write("姓名,证件号码,户籍地区划代码,帮扶类别," + "x" * 5000 + "\n")' "$WORK/header.csv"
if bf --db "$db" import people "$WORK/header.csv" 2>"$WORK/stderr" >/dev/null; then
    fail "a header over the limits was accepted"
fi
grep -q "表头" "$WORK/stderr" || fail "header overflow not said: $(cat "$WORK/stderr")"

# The hostile-file cap: rows over the limits count as rejected rows.
sql "INSERT INTO settings (key, value) VALUES ('import.max_rejected', '1')"
before=$(sql "SELECT COUNT(*) FROM batches")
if bf --db "$db" import people "$WORK/long.csv" 2>"$WORK/stderr" >/dev/null; then
    fail "import.max_rejected ignored for rows over the limits"
fi
grep -q "import.max_rejected" "$WORK/stderr" || fail "cap not named: $(cat "$WORK/stderr")"
expect_eq "$(sql "SELECT COUNT(*) FROM batches")" "$before" "nothing stored past the cap"
