#!/bin/sh
# bangfu whatif (issue 16 item 7): calc over the stored population with a parameter set
# (--set) or a policy file replaced (--policy), compared by region (head count, money before
# and after) and person (who gains or loses a benefit).  Checked against the calc itself: the
# "before" is calc over storage, the "after" is calc over a copy of the database holding the
# parameter value (bangfu param set) or over a policy directory holding the changed file.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$(cd "$(dirname "$0")" && pwd)
policies="$root/policies"
cd "$WORK"
bf --db "$(new_db)" generate people --count 150 --seed 7 --region 500101 --out people.csv >/dev/null
python3 "$here/facts_files.py" 5 people.csv files
fill() {
    for kind in people orgs jobs trainings enrolments residences insurance; do
        bf --db "$1" import "$kind" "files/$kind.csv" >/dev/null 2>&1 || fail "import $kind"
    done
}
db=$(new_db)
fill "$db"
changed=$(new_db)
fill "$changed"
# The changed database: the parameters --set will give, stored for both provinces.
for p in 37 50; do
    bf --db "$changed" param set difficult_person_social_insurance_subsidy --region $p \
        --from 2000-01-01 --value 300 --policies "$policies" >/dev/null
    bf --db "$changed" param set wanzhou_workshop_construction_subsidy --region $p \
        --from 2000-01-01 --value 50000 --policies "$policies" >/dev/null
done

# totals CALC.json: "people fen" entitled (people with a grant; every grant's fen)
totals() {
    python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
e = d["entitlements"]
print(len({x["person"] for x in e if x.get("person")}), round(sum(x["amount"] or 0 for x in e) * 100))' "$1"
}
# per_person CALC.json: "id fen" of each person, sorted
per_person() {
    python3 -c 'import json,sys,collections
c = collections.Counter()
for x in json.load(open(sys.argv[1]))["entitlements"]:
    if x.get("person"): c[x["person"]] += round((x["amount"] or 0) * 100)
for k in sorted(c): print(k, c[k])' "$1"
}
bf --db "$db" calc --from 2020-01 --to 2020-12 --policies "$policies" >before.json
bf --db "$changed" calc --from 2020-01 --to 2020-12 --policies "$policies" >after.json
set -- $(totals before.json)
people_before=$1 fen_before=$2
set -- $(totals after.json)
people_after=$1 fen_after=$2
[ "$fen_before" != "$fen_after" ] || fail "the change must change something"

out=$(bf --db "$db" whatif --set difficult_person_social_insurance_subsidy=300 \
    --set wanzhou_workshop_construction_subsidy=50000 --from 2020-01 --to 2020-12 \
    --policies "$policies" --out compare.csv --people people-changed.csv)
expect_eq "$(json_get "$out" people_before) $(json_get "$out" fen_before)" "$people_before $fen_before" \
    "before = calc over storage"
expect_eq "$(json_get "$out" people_after) $(json_get "$out" fen_after)" "$people_after $fen_after" \
    "after = calc with the values stored"
# The people whose money changed: those of the two calcs.
per_person after.json >after.txt
per_person before.json >before.txt
expect_eq "$(tail -n +2 people-changed.csv | cut -d, -f1 | sort | tr '\n' ' ')" \
    "$(LC_ALL=C comm -23 after.txt before.txt | cut -d' ' -f1 | sort | tr '\n' ' ')" "the people listed"
expect_contains "$(cat people-changed.csv)" ",获得," "a gain"
expect_contains "$(cat people-changed.csv)" "社会保险补贴" "the benefit named"
# By region: the total and 重庆市 (everyone's hukou is in 万州), money in yuan.
yuan() { python3 -c 'import sys; print("%.2f" % (int(sys.argv[1]) / 100))' "$1"; }
expect_eq "$(sed -n 2p compare.csv | tr -d '\r')" \
    ",全部,$people_before,$people_after,$((people_after - people_before)),$(yuan "$fen_before"),$(yuan "$fen_after"),$(yuan $((fen_after - fen_before)))" \
    "the total row"
expect_eq "$(sed -n 3p compare.csv | cut -d, -f1,2 | tr -d '\r')" "500000000000,重庆市" "by province"

# --policy FILE: 跨省就业补贴 of 1200 a month instead of 1000, against calc over a policy
# directory holding the changed file.
mkdir changed-policies
cp "$policies"/*.lua changed-policies/
sed -i 's/amount = { per_worked_month = 1000, max_months = 6 }/amount = { per_worked_month = 1200, max_months = 6 }/' \
    changed-policies/jining_2020_47.lua
cmp -s "$policies/jining_2020_47.lua" changed-policies/jining_2020_47.lua && fail "sed changed nothing"
cp changed-policies/jining_2020_47.lua .
bf --db "$db" calc --from 2020-01 --to 2020-12 --policies changed-policies >policy.json
set -- $(totals policy.json)
out=$(bf --db "$db" whatif --policy jining_2020_47.lua --from 2020-01 --to 2020-12 \
    --policies "$policies" --out compare.json)
expect_eq "$(json_get "$out" people_after) $(json_get "$out" fen_after)" "$1 $2" \
    "after = calc over the changed file"
expect_eq "$(json_get "$out" fen_before)" "$fen_before" "before unchanged"
python3 -c 'import json,sys; r = json.load(open("compare.json")); assert r[0]["区划名称"] == "全部", r' ||
    fail "json table"

# A region: the people of 万州区 by township; 任城区 has no one registered.
expect_eq "$(bf --db "$db" whatif --set difficult_person_social_insurance_subsidy=300 --region 500101 \
    --from 2020-01 --to 2020-12 --policies "$policies" | sed -n 2p | cut -d, -f1-4 | tr -d '\r')" \
    "500101000000,万州区,$people_before,$people_before" "the region's total"
expect_eq "$(bf --db "$db" whatif --set difficult_person_social_insurance_subsidy=300 --region 370811 \
    --from 2020-01 --to 2020-12 --policies "$policies" | tail -n +2 | tr -d '\r')" \
    "370811000000,任城区,0,0,0,0.00,0.00,0.00" "no one registered there"

# Refusals.
bf --db "$db" whatif --set nothing=1 --from 2020-01 --to 2020-12 --policies "$policies" 2>err.txt && fail "unknown parameter"
expect_contains "$(cat err.txt)" "政策文件中没有参数“nothing”" "unknown parameter named"
bf --db "$db" whatif --set min_wage=abc --from 2020-01 --to 2020-12 --policies "$policies" 2>err.txt && fail "bad value"
expect_contains "$(cat err.txt)" "min_wage" "bad value named"
bf --db "$db" whatif --from 2020-01 --to 2020-12 2>/dev/null && fail "nothing changed"
bf --db "$db" whatif --set min_wage=1 --policy x.lua --from 2020-01 --to 2020-12 2>/dev/null && fail "both"
bf --db "$db" whatif --set min_wage=1 --from 2020-01 2>/dev/null && fail "no --to"
bf --db "$db" whatif --policy missing.lua --from 2020-01 --to 2020-12 2>/dev/null && fail "missing file"
echo ok
