#!/bin/sh
# export KIND (issue 13 item 6: every record kind exports like people): for
# every kind, the export of the imported demo lists imports again changing
# nothing, and imported into an empty registry gives the same export byte for
# byte (XLSX too); --region keeps the records of its people, places or
# organisations; a shared table (jobs) is split between its kinds.
. "$(dirname "$0")/lib.sh"
db=$(new_db)
kinds="orgs jobs trainings enrolments residences insurance postings certifications alliances alliance_members brands projects posts assignments post_pay cadres poverty"

bf --db "$db" generate facts --count 600 --seed 21 --dir "$WORK/g" >/dev/null
for kind in people $kinds; do
    bf --db "$db" import "$kind" "$WORK/g/$kind.csv" >/dev/null 2>"$WORK/err" ||
        fail "$kind: demo import: $(cat "$WORK/err")"
done

copy=$(new_db)
bf --db "$copy" import people "$WORK/g/people.csv" >/dev/null 2>&1
for kind in $kinds; do
    bf --db "$db" export "$kind" --out "$WORK/$kind.csv" 2>"$WORK/err"
    expect_contains "$(cat "$WORK/err")" "条记录" "$kind: summary line"
    rows=$(($(wc -l <"$WORK/$kind.csv") - 1))
    [ "$rows" -gt 0 ] || fail "$kind: nothing exported"
    out=$(bf --db "$db" import "$kind" "$WORK/$kind.csv" 2>&1) || fail "$kind: re-import: $out"
    expect_eq "$(json_get "$out" unchanged)/$(json_get "$out" rejected)" "$rows/0" \
        "$kind: the export imported again changes nothing"
    out=$(bf --db "$copy" import "$kind" "$WORK/$kind.csv" 2>&1) || fail "$kind: into a copy: $out"
    expect_eq "$(json_get "$out" inserted)" "$rows" "$kind: imported into an empty registry"
    bf --db "$copy" export "$kind" --out "$WORK/$kind.again.csv" 2>/dev/null
    cmp -s "$WORK/$kind.csv" "$WORK/$kind.again.csv" || fail "$kind: the copy exports differently"
done

# Words are written as the lists' Chinese labels, money in yuan, yes/no as 是/否.
python3 - "$WORK" <<'PY' || fail "values in the import's words"
import csv, sys
d = sys.argv[1]
def rows(kind):
    return list(csv.DictReader(open(f"{d}/{kind}.csv", encoding="utf-8-sig")))
orgs = rows("orgs")
assert {o["单位类型"] for o in orgs} >= {"企业", "就业帮扶车间"}, {o["单位类型"] for o in orgs}
assert {o["免费提供场地"] for o in orgs} <= {"是", "否"}
jobs = rows("jobs")
incomes = [j["月收入（元）"] for j in jobs if j["月收入（元）"]]
assert incomes and all(len(i.split(".")[1]) == 2 for i in incomes), incomes[:3]
assert rows("assignments") and all(a["岗位编号"] for a in rows("assignments"))
PY
# jobs and assignments share the table jobs: each row is exported by exactly one of them.
expect_eq "$(($(wc -l <"$WORK/jobs.csv") + $(wc -l <"$WORK/assignments.csv") - 2))" \
    "$(sql "SELECT COUNT(*) FROM jobs")" "jobs and assignments split the table"

# The same through XLSX.
bf --db "$db" export trainings --out "$WORK/trainings.xlsx"
out=$(bf --db "$db" import trainings "$WORK/trainings.xlsx" 2>&1)
expect_eq "$(json_get "$out" rejected)/$(json_get "$out" updated)" "0/0" "trainings through XLSX"

# --region: the spells of the people of 万州区, the brands lying there, the decisions on its
# organisations; every exported ID number is registered there.
bf --db "$db" export jobs --region 500101 --out "$WORK/wanzhou.csv" 2>/dev/null
python3 - "$WORK/wanzhou.csv" "$WORK/jobs.csv" <<'PY' || fail "jobs --region"
import csv, sys
part = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
whole = list(csv.DictReader(open(sys.argv[2], encoding="utf-8-sig")))
assert part and len(part) < len(whole), (len(part), len(whole))
assert all(r["证件号码"].startswith("500101") for r in part)
assert len(part) == sum(r["证件号码"].startswith("500101") for r in whole)
PY
n=$(bf --db "$db" export certifications --region 500101 | tail -n +2 | wc -l)
expect_eq "$n" "$(sql "SELECT COUNT(*) FROM certifications c JOIN orgs o ON o.org_code = c.org_code WHERE o.region LIKE '500101%'")" \
    "certifications --region: by the organisation's region"

# Errors: an unknown kind gives the usage naming the kinds; an existing file needs --force.
if bf --db "$db" export nosuch >/dev/null 2>"$WORK/err"; then fail "unknown kind accepted"; fi
expect_contains "$(cat "$WORK/err")" "people|orgs|jobs" "usage names the kinds"
if bf --db "$db" export orgs --out "$WORK/orgs.csv" 2>"$WORK/err"; then fail "overwrote a file"; fi
bf --db "$db" export orgs --out "$WORK/orgs.csv" --force 2>/dev/null
