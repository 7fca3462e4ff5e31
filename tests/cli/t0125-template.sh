#!/bin/sh
# bangfu template people: the empty list in the import format, required
# columns marked *, and one example row that the import takes as it is (so
# the template can never drift from what the import accepts); an existing
# file is replaced only with --force.
. "$(dirname "$0")/lib.sh"

db=$(new_db)
cp -r vocabularies "$WORK/bureau"
cd "$WORK"
for ext in xlsx csv; do
    bf template people --out "list.$ext" 2>err.txt || fail "template .$ext: $(cat err.txt)"
    expect_contains "$(cat err.txt)" "list.$ext" "template says where it wrote"
done
expect_eq "$(head -1 list.csv | sed 's/^\xEF\xBB\xBF//' | tr -d '\r')" \
    "*姓名,*证件号码,性别,*户籍地区划代码,户编号,与户主关系,*帮扶类别,联系电话,劳动能力,就业状态,就业意愿,培训意愿,技能,就业困难,三无,有就业意愿" \
    "template headers"
expect_eq "$(bf --db "$db" import people list.xlsx)" \
    '{"rows":1,"inserted":1,"updated":0,"unchanged":0,"rejected":0}' "the example row of the workbook imports"
expect_eq "$(bf --db "$db" import people list.csv)" \
    '{"rows":1,"inserted":0,"updated":0,"unchanged":1,"rejected":0}' "the CSV template holds the same row"
expect_eq "$(sql "SELECT labor_ability || '|' || difficulties FROM people")" "有劳动能力|缺乏技能" \
    "the 四清 examples are values of the lists"
expect_eq "$(sql "SELECT three_no || '|' || wants_job FROM people")" "0|1" "the flag examples 否 and 是"

# A bureau's own list shows in its template.
grep -v '^able	' bureau/labor_ability.tsv >bureau/tmp && mv bureau/tmp bureau/labor_ability.tsv
BANGFU_VOCABULARIES="$WORK/bureau" bf template people --out bureau.csv --force 2>/dev/null
expect_eq "$(sed -n 2p bureau.csv | tr -d '\r' | cut -d, -f9)" "弱劳动能力" "the first value of the bureau's list"

# Existing files and bad arguments.
if LANG=C bf template people --out list.csv 2>err.txt; then fail "template overwrote list.csv"; fi
expect_contains "$(cat err.txt)" "give --force to overwrite it" "existing file refused"
bf template people --out list.csv --force 2>/dev/null || fail "--force refused"
if bf template people 2>/dev/null; then fail "template without --out accepted"; fi
if bf template nosuch --out o.xlsx 2>/dev/null; then fail "template of an unknown kind accepted"; fi
echo ok
