#!/bin/sh
# t0300-calc.sh - `bangfu calc` and `bangfu policy`: a situation through the
# real policy files, errors naming the JSON path (exit 2), --explain, the
# policies directory search, policy list/check with line-numbered problems.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
export LANG=zh_CN.UTF-8
cd "$WORK"

cat >situation.json <<'JSON'
{ "period": {"from": "2020-01", "to": "2021-12"},
  "parameters": {"min_wage": [{"region": "370800", "from": "2020-01-01", "value": 1730}]},
  "people": [{ "id": "p1", "id_number": "11010519491231002X", "birth_date": "1949-12-31",
      "hukou_region": "500101", "categories": ["建档立卡贫困人口"], "three_no": false,
      "insured": true,
      "jobs": [{ "id": "j1", "employer": "e1", "region": "370811", "kind": "enterprise",
          "start": "2020-03-01", "end": null, "contract_months": 12,
          "social_insurance_months": 9, "organized": true, "agency": "a1",
          "travel_cost": 650 }],
      "trainings": [{ "id": "t1", "provider": "e1", "kind": "skill", "region": "370811",
          "start": "2020-04-01", "end": "2020-04-20", "days": 20, "total_hours": 100, "online_hours": 20,
          "certificate": "中级", "cost": 1800 }] }],
  "orgs": [{ "id": "e1", "kind": "enterprise", "region": "370811", "staff": 40,
             "free_premises": false },
           { "id": "a1", "kind": "agency", "region": "370811" }] }
JSON

# The example of issue 3: 1500 in May, 1000 a month for six months, the certificate
# subsidy to the employer and the living allowance from the minimum wage, both in August,
# when the job with the employer that trains has lasted 6 months (四(二)'s lead sentence).
out=$(bf calc situation.json --policies "$root/policies")
printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
got = {(e["benefit"], e["month"], e["payee"]): e["amount"] for e in d["entitlements"] if e["benefit"].startswith("jining47.")}
assert got[("jining47.transport_meal", "2020-05", "p1")] == 1500, got
assert sum(1 for k in got if k[0] == "jining47.cross_province") == 6, got
assert got[("jining47.cert_training", "2020-08", "e1")] == 1500, got
assert got[("jining47.training_living", "2020-08", "p1")] == 954.4, got
' || fail "calc result: $out"
expect_contains "$out" '"amount": 1500.00' "amounts have two decimals"

# The same through $BANGFU_POLICIES and through the executable's directory.
out2=$(BANGFU_POLICIES="$root/policies" bf calc situation.json)
expect_eq "$out2" "$out" "BANGFU_POLICIES"
out3=$(cd / && bf calc "$WORK/situation.json")
expect_eq "$out3" "$out" "policies found next to the executable"

# --explain=full says why a benefit was refused, with the condition and its value
# (the short --explain: t0305-calc-explain.sh).
sed 's/"500101"/"500102"/' situation.json >other_hukou.json
explain=$(bf calc other_hukou.json --explain=full --policies "$root/policies")
expect_contains "$explain" '"condition": "hukou_within 500101000000", "value": "500102000000", "result": false' "explain refusal"
expect_contains "$explain" '不符合条件' "explain outcome"

# Bad input: exit 2, the message names the JSON path.
check_bad() {
    name=$1 path=$2
    set +e
    err=$(bf calc "$name" --policies "$root/policies" 2>&1 >/dev/null)
    status=$?
    set -e
    expect_eq "$status" 2 "$name exit status"
    expect_contains "$err" "$path" "$name message"
}
sed 's/"2020-04-20"/"2020-02-30"/' situation.json >bad_date.json
check_bad bad_date.json 'people[0].trainings[0].end: 日期无效 "2020-02-30"'
sed 's/"kind": "skill"/"kind": "juggling"/' situation.json >bad_kind.json
check_bad bad_kind.json 'people[0].trainings[0].kind'
sed 's/"staff": 40/"staff": "forty"/' situation.json >bad_type.json
check_bad bad_type.json 'orgs[0].staff'
sed 's/"insured": true,/"insured": true, "colour": 1,/' situation.json >bad_key.json
check_bad bad_key.json 'people[0].colour'
sed 's/"contract_months": 12,/"contract_months": 12/' situation.json >bad_json.json
check_bad bad_json.json '第'
sed 's/"employer": "e1"/"employer": "e9"/' situation.json >bad_org.json
check_bad bad_org.json 'people[0].jobs[0].employer'
sed 's/"min_wage"/"min_wagez"/' situation.json >bad_parameter.json
check_bad bad_parameter.json 'parameters.min_wagez[0]'
set +e
bf calc >/dev/null 2>&1
expect_eq "$?" 2 "calc without a file"
set -e

# policy list names every benefit with document, clause, payee and window.
list=$(bf policy list --policies "$root/policies")
expect_contains "$list" "jining47.transport_meal" "list jining"
expect_contains "$list" "shanxi127.referral" "list shanxi"
expect_contains "$list" "2020-02-01..2020-06-30" "list window"

# policy check: ok for the real files, line-numbered problems for broken ones.
for f in "$root"/policies/*.lua; do
    bf policy check "$f" >/dev/null || fail "policy check $f"
done
cat >broken.lua <<'LUA'
document { number = "x", title = "t", issuer = "i", issued = "2020-01-01", region = "37",
           valid = { from = "2020-01-01" } }
benefit {
    id = "x.a", name = "n", clause = "一", text = "t", target = "t",
    unit = "job", payee = "person",
    conditions = { { "hukou_inn", "500101" } },
    amount = { once = 1500 },
}
os.execute("touch pwned")
LUA
set +e
err=$(bf policy check broken.lua 2>&1)
status=$?
set -e
expect_eq "$status" 1 "policy check broken exit"
expect_contains "$err" "broken.lua:9:" "sandbox error line"
[ ! -e pwned ] || fail "os.execute ran"
sed -i '$d' broken.lua
set +e
err=$(bf policy check broken.lua 2>&1)
set -e
expect_contains "$err" "broken.lua:6:" "unknown condition line"
expect_contains "$err" "hukou_inn" "unknown condition name"

# The vocabulary of issue 10's readings is checked strictly too.
cat >vocab.lua <<'LUA'
document { number = "x", title = "t", issuer = "i", issued = "2020-01-01", region = "37",
           valid = { from = "2020-01-01" } }
benefit {
    id = "x.training", name = "n", clause = "一", text = "t", target = "t",
    unit = "training", payee = "person", conditions = {},
    amount = { per_worked_month = 100 },
}
benefit {
    id = "x.job", name = "n", clause = "二", text = "t", target = "t",
    unit = "job", payee = "person",
    conditions = { { "provider_job", { "insured" } } },
    amount = { once = 100 }, not_with = { "x.training" }, not_with_per = "hire",
}
LUA
set +e
err=$(bf policy check vocab.lua 2>&1)
set -e
expect_contains "$err" "per_worked_month 只用于 unit = \"job\"" "per_worked_month on a training"
expect_contains "$err" "条件 provider_job 不适用于 unit = \"job\"" "provider_job on a job"
expect_contains "$err" "not_with_per 只能是" "not_with_per value"
cat >vocab_units.lua <<'LUA'
document { number = "x", title = "t", issuer = "i", issued = "2020-01-01", region = "37",
           valid = { from = "2020-01-01" } }
parameter { name = "x_rate", title = "t", unit = "yuan_per_month" }
benefit {
    id = "x.post", name = "n", clause = "一", text = "t", target = "t",
    unit = "job", payee = "person",
    conditions = { { "contract_months_at_least", { parameter = "x_rate" } } },
    amount = { per_worked_month = { parameter = "x_rate" }, max_months = { parameter = "x_rate" } },
}
LUA
set +e
err=$(bf policy check vocab_units.lua 2>&1)
set -e
expect_contains "$err" "max_months 的参数“x_rate”未声明或不是 unit = \"months\"" "max_months parameter unit"
expect_contains "$err" "条件 contract_months_at_least 的参数“x_rate”未声明或不是 unit = \"months\"" "contract term parameter unit"

# A broken policy directory: calc refuses to compute.
mkdir -p pol && cp broken.lua pol/
set +e
bf calc situation.json --policies pol >/dev/null 2>&1
expect_eq "$?" 1 "calc with broken policies"
set -e

# Statuses are evaluated after the statuses they test, whatever the declaration order;
# statuses testing each other are a policy error naming them and their clauses.
cat >order.json <<'JSON'
{ "period": {"from": "2020-01", "to": "2020-12"},
  "people": [{ "id": "p1", "hukou_region": "370811", "categories": ["建档立卡贫困人口"] }] }
JSON
out=$(bf calc order.json --policies "$root/tests/data/policy_status_order")
expect_contains "$out" '"benefit": "order.bonus"' "status declared later"
set +e
err=$(bf policy check "$root/tests/data/policy_status_cycle/status_cycle.lua" 2>&1)
status=$?
set -e
expect_eq "$status" 1 "status cycle exit"
expect_contains "$err" "status_cycle.lua:7: 状态之间循环依赖：cycle.first (一) -> cycle.second (二) -> cycle.first (一)" "status cycle message"
