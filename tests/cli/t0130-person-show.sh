#!/bin/sh
# person show: the JSON object with its required keys, the Chinese text form,
# and clear failures for unknown and malformed ID numbers.
. "$(dirname "$0")/lib.sh"
data="$(cd "$(dirname "$0")/../data" && pwd)"
db=$(new_db)
cp "$data/people_basic.csv" "$WORK/basic.csv"
bf --db "$db" import people "$WORK/basic.csv" >/dev/null

show=$(bf --db "$db" person show 370811200002290033 --json)
printf '%s' "$show" | python3 -c '
import json, sys
v = json.load(sys.stdin)
expected = {
    "name": "王强", "id_number": "370811200002290033", "sex": "男", "birth_date": "2000-02-29",
    "hukou_region": "370811000000", "hukou_region_name": "山东省 / 济宁市 / 任城区",
    "categories": ["防止返贫监测对象", "易地扶贫搬迁人口"], "phone": "13912345678",
    "household_id": "H3708110002", "relation": "户主", "skills": "电工,焊工", "history": [],
}
for key, value in expected.items():
    assert v.get(key) == value, "%s: %r != %r" % (key, v.get(key), value)
assert v["created"]["kind"] == "import"
' || fail "person show --json"
expect_eq "$(json_get "$(bf --db "$db" person show 500101199006150044 --json)" hukou_region_name)" \
    "重庆市 / 市辖区 / 万州区" "region path of a municipality"
# The lowercase x is accepted on the command line too.
expect_eq "$(json_get "$(bf --db "$db" person show 37081119800101001x --json)" name)" "张伟" "lowercase x"

text=$(LANG=zh_CN.UTF-8 bf --db "$db" person show 370811200002290033)
expect_contains "$text" "姓名：王强" "text form name"
expect_contains "$text" "山东省 / 济宁市 / 任城区" "text form region"
expect_contains "$text" "帮扶类别：防止返贫监测对象；易地扶贫搬迁人口" "text form categories"

if bf --db "$db" person show 370811199303030096 >/dev/null 2>"$WORK/err"; then fail "unknown person shown"; fi
expect_contains "$(cat "$WORK/err")" "370811199303030096" "unknown person message"
if bf --db "$db" person show 370811199303030097 >/dev/null 2>&1; then fail "bad check digit accepted"; fi
if bf --db "$db" person show >/dev/null 2>&1; then fail "missing ID accepted"; fi
echo ok
