#!/bin/sh
# t0320-calc-stored.sh - `bangfu calc` over the stored population and `bangfu
# situation`: calc of the situation file written from storage equals calc over
# storage (everyone, a region, a region reached only through jobs, one person),
# SQLite and PostgreSQL give the same bytes, payees are ID numbers and
# 统一社会信用代码, stored parameters apply; `calc --person` on a case of each
# of the five documents gives the case's hand-computed entitlements; and the
# refusals (unknown person, bad months, no database, empty region) with their
# exit status and message in Chinese and English.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$(cd "$(dirname "$0")" && pwd)
policies="$root/policies"
cd "$WORK"

# sql_file DB FILE: runs the statements of FILE on DB (either engine).
sql_file() {
    case "$1" in
    postgres*) psql -q -v ON_ERROR_STOP=1 "$1" -f "$2" >/dev/null ;;
    *) sqlite3 -bail "$1" <"$2" ;;
    esac
}

# fill DB: 150 people of 万州区 and their facts (tests/cli/facts_files.py) through the real
# imports, each with no row refused; the minimum wage of 济宁.
bf --db "$(new_db)" generate people --count 150 --seed 7 --region 500101 --out people.csv >/dev/null
python3 "$here/facts_files.py" 5 people.csv files
fill() {
    for kind in people orgs jobs trainings enrolments residences insurance; do
        out=$(bf --db "$1" import "$kind" "files/$kind.csv" 2>import.err) ||
            fail "import $kind: $(cat import.err)"
        expect_contains "$out" '"rejected":0}' "import $kind: every row taken"
    done
    bf --db "$1" param set min_wage --region 370800 --from 2020-01-01 --value 1730 \
        --policies "$policies" >/dev/null
    bf --db "$1" param set min_wage --region 370811 --from 2020-07-01 --value 1800.5 \
        --policies "$policies" >/dev/null
}
db=$(new_db)
fill "$db"

# calc over storage == calc of the situation file written from storage.
for selection in "" "--region 370811" "--region 500101" "--region 3708"; do
    # shellcheck disable=SC2086
    bf --db "$db" calc $selection --from 2020-01 --to 2020-12 --policies "$policies" >stored.json
    # shellcheck disable=SC2086
    bf --db "$db" situation $selection --from 2020-01 --to 2020-12 --policies "$policies" \
        --out situation.json --force
    bf calc situation.json --policies "$policies" >file.json
    cmp -s stored.json file.json || fail "calc over storage and of its situation differ ($selection)"
done
bf --db "$db" calc --from 2020-01 --to 2020-12 --policies "$policies" >all.json
bf --db "$db" calc --region 370811 --from 2020-01 --to 2020-12 --policies "$policies" >jining.json
python3 - all.json jining.json situation.json <<'PY' || fail "stored population and payees"
import json, re, sys
every, jining = (json.load(open(p)) for p in sys.argv[1:3])
ents = every["entitlements"]
assert len(ents) >= 5, len(ents)
kinds = {e["payee_kind"] for e in ents}
for e in ents:
    pattern = r"\d{17}[\dX]" if e["payee_kind"] == "person" else r"[0-9A-Z]{18}"
    assert re.fullmatch(pattern, e["payee"]), e
# 济宁 任城区: the people of 万州 working or training there, the stored wage of 任城区 from July.
assert jining["entitlements"] and all(e["person"] is None or e["person"].startswith("500101")
                                      for e in jining["entitlements"])
# the situation of 3708 holds the orgs of 任城区 with their hires whole and the parameters
s = json.load(open(sys.argv[3]))
assert s["parameters"]["min_wage"][1] == {"region": "370811000000", "from": "2020-07-01",
                                          "value": 1800.5}, s["parameters"]
hires = {}
for p in s["people"]:
    for j in p.get("jobs", []):
        hires[j.get("employer")] = hires.get(j.get("employer"), 0) + 1
assert max(hires.values()) >= 12, hires
assert any(p.get("trainings") for p in s["people"]) and any(p.get("residence") for p in s["people"])
assert any(p.get("enrolments") for p in s["people"]) and any(p.get("insured") for p in s["people"])
PY

# The same bytes from SQLite and PostgreSQL (the PostgreSQL run also fills an SQLite copy).
if [ "$ENGINE" = postgresql ]; then
    other="$WORK/other.sqlite"
    cp "$TEMPLATE_SQLITE" "$other"
    fill "$other"
    person=$(sql "SELECT id_number FROM jobs ORDER BY id_number LIMIT 1")
    for selection in "" "--region 370811" "--person $person"; do
        for target in "$other" "$db"; do
            # shellcheck disable=SC2086
            bf --db "$target" calc $selection --from 2020-01 --to 2020-12 --explain \
                --policies "$policies" >"calc_${target##*/}.json"
        done
        cmp -s "calc_other.sqlite.json" "calc_${db##*/}.json" ||
            fail "SQLite and PostgreSQL differ ($selection)"
    done
    bf --db "$other" situation --from 2020-01 --to 2020-12 --out sqlite_situation.json
    bf --db "$db" situation --from 2020-01 --to 2020-12 --out postgres_situation.json
    cmp -s sqlite_situation.json postgres_situation.json || fail "situation files differ"
fi

# The same through the real imports: `generate facts`, each kind whose import exists.
gen=$(new_db)
bf --db "$gen" generate facts --count 1000 --seed 3 --dir facts >/dev/null
# The people in ID order (so this database holds them in key order), and the highest third
# 易地扶贫搬迁人口 where others are 脱贫享受政策人口 alone: a reading in another order than the
# people's would number these two categories the other way round and list them so
# ("易地扶贫搬迁人口、脱贫享受政策人口" in the explanations), see the mixed database below.
python3 - facts/people.csv <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
key, categories = rows[0].index("证件号码"), rows[0].index("帮扶类别")
body = sorted(rows[1:], key=lambda row: row[key])
for row in body[len(body) * 2 // 3:]:
    if row[categories] == "脱贫享受政策人口":
        row[categories] = "易地扶贫搬迁人口"
with open(sys.argv[1], "w", encoding="utf-8", newline="") as f:
    csv.writer(f).writerows([rows[0]] + body)
PY
for kind in people orgs jobs trainings enrolments residences insurance; do
    bf --db "$gen" import "$kind" "facts/$kind.csv" >/dev/null 2>import.err ||
        grep -q "usage\|用法" import.err || fail "import $kind: $(cat import.err)"
done
bf --db "$gen" calc --from 2020-01 --to 2020-12 --policies "$policies" >stored.json
bf --db "$gen" situation --from 2020-01 --to 2020-12 --policies "$policies" --out gen.json
bf calc gen.json --policies "$policies" >file.json
cmp -s stored.json file.json || fail "imported facts: calc over storage and of its situation differ"
python3 -c 'import json, sys; d = json.load(open(sys.argv[1]))
assert len(d["entitlements"]) > 200, len(d["entitlements"])' \
    stored.json || fail "imported facts: too few entitlements"

# The order the tables hold their rows in changes nothing: the same files imported in three
# parts, the highest keys first, so that people and records lie against the key order (calc
# reads the tables in their own order and sorts in memory), give the same bytes.
mixed=$(new_db)
for kind in people orgs jobs trainings enrolments residences insurance; do
    python3 - "facts/$kind.csv" "$kind" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
key = rows[0].index("证件号码") if "证件号码" in rows[0] else 0
header, body = rows[0], sorted(rows[1:], key=lambda row: row[key:], reverse=True)
third = (len(body) + 2) // 3
for part in range(3):
    with open("%s_%d.csv" % (sys.argv[2], part), "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header] + body[part * third:(part + 1) * third])
PY
    for part in 0 1 2; do
        bf --db "$mixed" import "$kind" "${kind}_$part.csv" >/dev/null 2>import.err ||
            fail "import $kind, part $part: $(cat import.err)"
    done
done
if [ "$ENGINE" = sqlite ]; then
    disorder=$(sqlite3 "$mixed" "SELECT count(*) FROM (SELECT id_number,
        lag(id_number) OVER (ORDER BY rowid) AS before FROM people) WHERE before > id_number")
    [ "$disorder" -gt 0 ] || fail "the people of the mixed database lie in key order"
fi
bf --db "$mixed" calc --from 2020-01 --to 2020-12 --policies "$policies" >mixed.json
cmp -s stored.json mixed.json || fail "calc differs with the rows stored in another order"
bf --db "$mixed" calc --from 2020-01 --to 2020-12 --explain --policies "$policies" >mixed.json
bf --db "$gen" calc --from 2020-01 --to 2020-12 --explain --policies "$policies" >stored.json
cmp -s stored.json mixed.json || fail "calc --explain differs with the rows stored in another order"
# The people come out in ID number order, sorted by number (radix) where every id is an ID
# number; a stored id that is not one (a 15-digit number written by hand) makes the reading
# compare the texts instead, with the same order.
python3 -c 'import json, sys; d = json.load(open(sys.argv[1]))
people = [e["person"] for e in d["entitlements"] if e["person"]]
assert people == sorted(people), "people out of order"' mixed.json || fail "calc order of people"
for target in "$gen" "$mixed"; do
    db=$target
    sql "INSERT INTO people (id_number, name, sex, birth_date, hukou_region, categories,
        created_batch, updated_batch) VALUES ('370811800101001', '旧号', '男', '1980-01-01',
        '370811000000', '脱贫享受政策人口', 1, 1)"
done
bf --db "$mixed" calc --from 2020-01 --to 2020-12 --explain --policies "$policies" >mixed.json
bf --db "$gen" calc --from 2020-01 --to 2020-12 --explain --policies "$policies" >stored.json
cmp -s stored.json mixed.json || fail "calc differs with a 15-digit id stored"
grep -q '"370811800101001"' mixed.json || fail "the 15-digit id is not in the calc"

# calc --person on a case of each document: the case stored, its person's entitlements.
for case in jining_47/transport_meal_exactly_three_months jining_47/cert_training_middle \
    jinan_2018_plan/pension_contribution_paid shandong_2020_41/hiring_subsidy_parameter_given \
    shandong_2023_action/ledger_out_of_province shanxi_127/hiring_subsidy_with_parameter; do
    file="$root/tests/policy/$case.json"
    one=$(new_db)
    python3 "$here/case_store.py" sql "$file" >case.sql
    sql_file "$one" case.sql
    python3 "$here/case_store.py" params "$file" | while read -r name region from what; do
        [ -n "$name" ] || continue
        # shellcheck disable=SC2086
        bf --db "$one" param set "$name" --region "$region" --from "$from" $what \
            --policies "$policies" >/dev/null
    done
    set -- $(python3 "$here/case_store.py" person "$file")
    bf --db "$one" calc --person "$1" --from "$2" --to "$3" --policies "$policies" >person.json
    python3 "$here/case_store.py" check "$file" person.json || fail "calc --person: $case"
done

# Refusals.
status=0
out=$(bf --db "$db" calc --person 110105194912310021 --from 2020-01 --to 2020-12 2>&1) || status=$?
expect_eq "$status" 1 "unknown person: exit 1"
expect_contains "$out" "数据库中没有证件号码为 110105194912310021 的人员" "unknown person"
out=$(LANG=C bf --db "$db" calc --person 110105194912310021 --from 2020-01 --to 2020-12 2>&1) || true
expect_contains "$out" "no person with ID number 110105194912310021 is stored" "unknown person (en)"
status=0
out=$(bf --db "$db" calc --from 2020-13 --to 2020-12 2>&1) || status=$?
expect_eq "$status" 2 "bad month: exit 2"
expect_contains "$out" "--from 月份无效“2020-13”（应为 YYYY-MM）" "bad month"
out=$(LANG=C bf --db "$db" situation --from 2020-05 --to 2020-04 2>&1) || status=$?
expect_contains "$out" "--to 2020-04 is before --from 2020-05" "reversed period (en)"
status=0
out=$(bf --db "$db" calc --from 2020-01 2>&1) || status=$?
expect_eq "$status" 2 "missing --to: exit 2"
expect_contains "$out" "缺少 --to YYYY-MM" "missing --to"
status=0
out=$(bf --db "$db" calc --region 1401 --from 2020-01 --to 2020-12 2>&1) || status=$?
expect_eq "$status" 1 "empty region: exit 1"
expect_contains "$out" "区划 140100000000 内没有人员" "empty region"
out=$(LANG=C bf --db "$db" situation --region 1401 --from 2020-01 --to 2020-12 2>&1) || true
expect_contains "$out" "no one in region 140100000000" "empty region (en)"
status=0
out=$(bf --db "$WORK/missing.db" calc --from 2020-01 --to 2020-12 2>&1) || status=$?
expect_eq "$status" 1 "no database: exit 1"
[ ! -e "$WORK/missing.db" ] || fail "calc created a database"
status=0
out=$(bf --db "$db" calc situation.json --from 2020-01 --to 2020-12 2>&1) || status=$?
expect_eq "$status" 2 "a file and stored options: exit 2"
status=0
out=$(bf --db "$db" calc --region 3708 --person 110105194912310021 --from 2020-01 --to 2020-12 2>&1) ||
    status=$?
expect_eq "$status" 2 "--region with --person: exit 2"
expect_contains "$out" "--region 与 --person 不能同时给出" "--region with --person"
bf --db "$db" situation --from 2020-01 --to 2020-12 --out situation.json 2>/dev/null &&
    fail "situation overwrote a file without --force"
bf --db "$db" situation --from 2020-01 --to 2020-12 --out situation.json --force
echo "t0320 ok"
