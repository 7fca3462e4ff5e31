#!/bin/sh
# t0305-calc-explain.sh - `bangfu calc --explain`: per person what paid (the amount
# rule and the numbers it used) and, for each rule that did not, the first condition
# that failed with the value it saw; --explain=full byte for byte the decision records
# written before the short form existed; and, on a generated population, every claim
# of the short form backed by the full records and the entitlements (a differential
# test: the full records are the model).
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
export LANG=zh_CN.UTF-8
cd "$WORK"
fixture=$root/tests/data/policy_explain

# --explain=full: the records as they were (full.json was written by --explain before
# the short form, at dd921c3).
bf calc "$fixture/situation.json" --explain=full --policies "$fixture" >full.json
cmp -s full.json "$fixture/full.json" || fail "--explain=full differs from the records before the short form"

short=$(bf calc "$fixture/situation.json" --explain --policies "$fixture")
# A person who is paid: each benefit with its amount rule, months and numbers.
expect_contains "$short" '{"benefit": "explain.monthly", "clause": "二", "row": "j1", "amount": "per_month = 1000.00, max_months = 6", "months": "2020-03..2020-08", "payments": 6, "each": 1000.00, "total": 6000.00}' "paid per month"
expect_contains "$short" '"row": "t1", "amount": "per_day = {parameter = min_wage, percent = 60.00, days_per_month = 21.75}, max_days = 60", "months": "2020-04", "payments": 1, "days": 20, "by": "min_wage 370811000000 2020-04-01 = 1730.00", "total": 954.40}' "paid per day from a parameter"
expect_contains "$short" '"amount": "once = {by = job_location, same_county = 200.00, same_province = 500.00, other_province = 800.00}", "months": "2020-03", "payments": 1, "by": "job_location = same_county", "total": 200.00}' "paid by tier"
# Conditions met, nothing paid: the outcome says why.
expect_contains "$short" '"not_paid": [{"benefit": "explain.late", "clause": "五", "outcome": "不在有效期或发放期内"}, {"benefit": "explain.small", "clause": "六", "outcome": "不重复享受，已取较高者", "excluded_by": "explain.big"}], "statuses": [{"status": "explain.poor", "clause": "一"}]' "met, not paid"
# A condition of the job failed: the row, the value it saw; a nested one, its parts' values.
expect_contains "$short" '{"condition": "job_within 370800000000", "value": "440305000000", "row": "j2", "rules": ["explain.monthly"]}' "failed on a job"
expect_contains "$short" '{"condition": "any (job_within 370800000000 | organized)", "value": "440305000000; 否", "row": "j2", "rules": ["explain.travel"]}' "failed nested condition"
# A person who is paid nothing: per failed condition the value and the rules it stopped.
expect_contains "$short" '{"person": "p2", "paid": [], "not_paid": [], "statuses": [], "failed": [{"condition": "category 建档立卡贫困人口", "value": "农民工", "rules": ["explain.poor", "explain.travel", "explain.late", "explain.small", "explain.big"]}, {"condition": "hukou_within 370800000000", "value": "500101000000", "rules": ["explain.monthly"]}]}' "paid nothing"

# The short form against the full records on a generated population (every rule of
# the real policy files, jobs, trainings, orgs, statuses, exclusions).
python3 "$root/bench/situation_gen.py" 400 5 >population.json
bf calc population.json --explain --policies "$root/policies" >short.json
bf calc population.json --explain=full --policies "$root/policies" >full.json
bf calc population.json --policies "$root/policies" >plain.json
python3 - short.json full.json plain.json <<'PY' || fail "the short explanation disagrees with the full records"
import collections, json, sys
short, full, plain = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:4])
problems = []
for name, doc in (("short", short), ("full", full)):
    if {k: v for k, v in doc.items() if k != "explain"} != plain:
        problems.append("%s: the entitlements differ from a run without --explain" % name)
# What the full records say, per (entity, rule, row of a job or training).
expect, failed = {}, {}
for d in full["explain"]:
    who = d["person"] if d["person"] is not None else d["row"]
    row = d["row"] if d["unit"] in ("job", "training") else None
    key = (who, d["benefit"], row)
    if d["outcome"] == "不符合条件":
        last = d["conditions"][-1]
        assert last["result"] is False
        failed.setdefault((who, d["benefit"]), {})[row] = (last["condition"], last["value"])
    else:
        expect[key] = d["outcome"]
paid_total = collections.Counter()
for g in plain["entitlements"]:
    if g["amount"] is not None:  # a service
        paid_total[(g["benefit"], g["source"])] += round(g["amount"] * 100)
seen = 0
for e in short["explain"]:
    who = e.get("person") or e.get("org")
    for p in e["paid"]:
        seen += 1
        key = (who, p["benefit"], p.get("row"))
        if expect.pop(key, None) != "享受":
            problems.append("paid, not granted in full: %s" % (key,))
        source = p.get("row") or who
        if "total" in p and round(p["total"] * 100) != paid_total[(p["benefit"], source)]:
            problems.append("paid total %s != entitlements for %s" % (p["total"], key))
    for p in e["not_paid"]:
        seen += 1
        key = (who, p["benefit"], p.get("row"))
        outcome = expect.pop(key, None)
        if outcome != p["outcome"]:
            problems.append("not paid %s: %s, full says %s" % (key, p["outcome"], outcome))
    for p in e["statuses"]:
        seen += 1
        if expect.pop((who, p["status"], p.get("row")), None) != "成立":
            problems.append("status %s of %s does not hold in full" % (p["status"], who))
    for g in e["failed"]:
        for rule in g["rules"]:
            # a value of the person's (no row) stands for each of their rows of the rule
            rows = failed.get((who, rule), {})
            keys = [r for r in rows if (g.get("row") is None or r == g["row"]) and
                    rows[r][0] == g["condition"]]
            if not keys:
                problems.append("failed %s %s %s: not in full" % (who, rule, g["condition"]))
            for r in keys:
                seen += 1
                if rows[r][1] not in ("", g["value"]):
                    problems.append("failed %s %s %s: value %s, full %s" % (who, rule, r, g["value"], rows[r][1]))
                del rows[r]
problems += ["full says %s for %s, short nothing" % (v, k) for k, v in list(expect.items())[:5]]
problems += ["full: %s %s %s failed %s, short nothing" % (k + (r, v)) for k, rows in failed.items()
             for r, v in rows.items()][:5]
outcomes = collections.Counter(d["outcome"] for d in full["explain"])
for needed in ("享受", "不符合条件", "成立", "不在有效期或发放期内"):
    if outcomes[needed] == 0:
        problems.append("the population gives no %s: the test proves less" % needed)
print("\n".join(problems[:20]))
print("%d decisions compared" % seen, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
