#!/bin/sh
# bangfu import people: counts on stdout, every rejection reason in the error
# file (original row + 行号 + 错误原因), no error file when nothing is rejected,
# and a clear failure when the file or its header is unusable.
. "$(dirname "$0")/lib.sh"
# new_db runs inside $( ), where its counter cannot advance: set it so each target is new.
data="$(cd "$(dirname "$0")/../data" && pwd)"
# The error file is for the clerks: its reasons in Chinese.
export LANG=zh_CN.UTF-8
db=$(new_db)

# A clean file: everything inserted, no error file left behind.
cp "$data/people_basic.csv" "$WORK/basic.csv"
echo "stale" >"$WORK/basic.csv.errors.csv"
out=$(bf --db "$db" import people "$WORK/basic.csv")
expect_eq "$out" '{"rows":5,"inserted":5,"updated":0,"unchanged":0,"rejected":0}' "clean import counts"
[ ! -e "$WORK/basic.csv.errors.csv" ] || fail "a stale error file was left behind"

# Every rejection reason; exit status 0 because the file was read.
cp "$data/people_rejects.csv" "$WORK/rejects.csv"
out=$(bf --db "$db" import people "$WORK/rejects.csv" 2>"$WORK/stderr") || fail "import with rejected rows must exit 0"
expect_eq "$out" '{"rows":14,"inserted":1,"updated":0,"unchanged":0,"rejected":13}' "rejects counts"
errors="$WORK/rejects.csv.errors.csv"
[ -f "$errors" ] || fail "no error file $errors"
head -c 3 "$errors" | od -An -tx1 | grep -q "ef bb bf" || fail "error file has no BOM"
header=$(head -1 "$errors" | tr -d '\r' | sed 's/^\xef\xbb\xbf//')
expect_eq "$header" "name,id_number,sex,hukou_region,category,phone,行号,错误原因" "error file header"
reason() { # reason LINE: the 错误原因 of the rejected row from line LINE of the input
    python3 - "$errors" "$1" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
for r in rows[1:]:
    if r[-2] == sys.argv[2]:
        print(r[-1])
PY
}
expect_eq "$(reason 3)" "姓名：必填" "line 3"
expect_eq "$(reason 4)" "证件号码：校验位错误" "line 4"
expect_eq "$(reason 5)" "证件号码：出生日期不存在" "line 5"
expect_eq "$(reason 6)" "户籍地区划代码：区划代码 370899 不存在" "line 6"
expect_contains "$(reason 7)" "帮扶类别：“贫困户”不是有效类别（应为 建档立卡贫困人口、" "line 7"
expect_eq "$(reason 8)" "性别：与证件号码不符（证件号码为男性）" "line 8"
expect_contains "$(reason 9)" "联系电话：格式不正确" "line 9"
expect_eq "$(reason 10)" "证件号码：与第 2 行重复" "line 10"
expect_eq "$(reason 11)" "户籍地区划代码：必填" "line 11"
expect_eq "$(reason 12)" "帮扶类别：必填" "line 12"
expect_eq "$(reason 13)" "证件号码：必填" "line 13"
expect_contains "$(reason 14)" "姓名：必填；联系电话：格式不正确" "line 14: several reasons"
expect_contains "$(reason 15)" "证件号码：与第 14 行重复" "line 15"
expect_contains "$(reason 15)" "性别：与证件号码不符（证件号码为女性）" "line 15"
[ -z "$(reason 2)" ] || fail "the valid line 2 is in the error file"
# The rejected rows keep their original cells.
grep -q '^郑红,370811197008080016,,370811,贫困户,,7,' "$errors" || fail "original row not kept"

# --errors puts the file elsewhere.
db2=$(new_db)
out=$(bf --db "$db2" import people "$WORK/rejects.csv" --errors "$WORK/other.csv")
expect_contains "$out" '"rejected":13' "--errors import"
[ -f "$WORK/other.csv" ] || fail "--errors OUT not written"

# The error file itself imports again: 行号 and 错误原因 are not carried twice.
out=$(bf --db "$db2" import people "$WORK/other.csv" --errors "$WORK/again.csv")
expect_eq "$out" '{"rows":13,"inserted":0,"updated":0,"unchanged":1,"rejected":12}' "error file re-imported (周敏 keeps her phone: her duplicate row had none, and an empty cell keeps)"
header=$(head -1 "$WORK/again.csv" | tr -d '\r' | sed 's/^\xef\xbb\xbf//')
expect_eq "$header" "name,id_number,sex,hukou_region,category,phone,行号,错误原因" "error file of an error file"
grep -q '^吴刚,370811199901010116,,370899,脱贫享受政策人口,,5,户籍地区划代码：区划代码 370899 不存在' "$WORK/again.csv" ||
    fail "line numbers of the re-imported error file"

# The fixed error file imports again: its 行号 and 错误原因 columns are ignored.
python3 - "$WORK/other.csv" "$WORK/fixed.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
out = csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline=""))
out.writerow(rows[0])
for r in rows[1:]:
    if r[-2] == "6":
        r[3] = "370811"          # unknown region fixed
        out.writerow(r)
PY
out=$(bf --db "$db2" import people "$WORK/fixed.csv")
expect_eq "$out" '{"rows":1,"inserted":1,"updated":0,"unchanged":0,"rejected":0}' "fixed row re-imported"

# Unusable files: non-zero exit and a message, nothing written.
if bf --db "$db" import people "$WORK/missing.csv" >"$WORK/out" 2>"$WORK/err"; then fail "missing file accepted"; fi
[ -s "$WORK/err" ] || fail "no message for a missing file"
[ ! -s "$WORK/out" ] || fail "stdout not empty for a missing file"
printf 'a,b,c\n1,2,3\n' >"$WORK/noheader.csv"
if LANG=zh_CN.UTF-8 bf --db "$db" import people "$WORK/noheader.csv" 2>"$WORK/err"; then fail "file without a usable header accepted"; fi
expect_contains "$(cat "$WORK/err")" "表头" "no usable header message"
printf '姓名,证件号码,帮扶类别\n张伟,37081119800101001X,建档立卡贫困人口\n' >"$WORK/noregion.csv"
if bf --db "$db" import people "$WORK/noregion.csv" 2>"$WORK/err"; then fail "header without 户籍地区划代码 accepted"; fi
expect_contains "$(cat "$WORK/err")" "户籍地区划代码" "missing required column named"
: >"$WORK/empty.csv"
if bf --db "$db" import people "$WORK/empty.csv" 2>/dev/null; then fail "empty file accepted"; fi
if bf --db "$db" import people 2>/dev/null; then fail "missing FILE accepted"; fi

# Without the region table (no `bangfu init`): a clear failure, not 5 rejected rows.
if [ "$ENGINE" = sqlite ]; then
    if LANG=zh_CN.UTF-8 bf --db "$WORK/no-regions.sqlite" import people "$WORK/basic.csv" 2>"$WORK/err"; then
        fail "import without regions accepted"
    fi
    expect_contains "$(cat "$WORK/err")" "bangfu init" "no region table message"
fi

# Nothing from the failed runs reached the registry.
count=$(bf --db "$db" export people | python3 -c 'import csv,sys; print(len(list(csv.reader(sys.stdin))) - 1)')
expect_eq "$count" 6 "people after the imports"
echo ok
