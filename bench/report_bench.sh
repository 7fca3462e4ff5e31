#!/bin/sh
# Report benchmark (issue 16 item 9).
#
#   bench/report_bench.sh [PEOPLE]       default 1000000; 10000 for a quick run
#
# Generates PEOPLE people with their facts (`bangfu generate facts`, seed 42: 济宁市 and
# 万州区; orgs, jobs, trainings, residences, posts and assignments), imports them into SQLite,
# certifies every organisation whose kind is a carrier (workshop, base, cooperative) by SQL
# (generate writes no decisions), then times on SQLite, twice each (the second run with a warm
# page cache):
#   bangfu report fujian1 --region 37 --quarter 2023Q3     附件1 of the province (its cities)
#   bangfu report fujian1 --region 3708 --quarter 2023Q3   附件1 of 济宁市 (its counties)
#   bangfu report targets --month 2023-09                  every target, its progress
# with wall time, CPU and peak resident memory (GNU time).  Target: 附件1 of the province of
# 1M people within 1 s on SQLite.
set -eu
cd "$(dirname "$0")/.."
export LANG=C
rows=${1:-1000000}
out=bench/out
mkdir -p "$out"
bangfu=${BANGFU:-./bangfu}
[ -x "$bangfu" ] || make -s bangfu
. bench/bench_lib.sh # measure

facts="$out/facts_$rows"
db="$out/report_$rows.sqlite"
if [ ! -s "$db" ]; then
    template="$out/report_template.sqlite"
    $bangfu --db "$template" init >/dev/null
    if [ ! -s "$facts/assignments.csv" ]; then
        measure "generate facts ($rows people)" $bangfu --db "$template" generate facts \
            --count "$rows" --seed 42 --dir "$facts"
    fi
    cp "$template" "$db.tmp"
    for kind in people orgs jobs trainings residences posts assignments; do
        measure "import $kind" $bangfu --db "$db.tmp" import "$kind" "$facts/$kind.csv" ||
            echo "import $kind: not imported"
    done
    sqlite3 "$db.tmp" "INSERT INTO certifications (org_code, carrier, decided_on, action, document,
        body, created_batch, updated_batch) SELECT org_code, kind, '2022-01-01', 'certify', 'bench',
        'bench', 0, 0 FROM orgs WHERE kind IN ('workshop', 'base', 'cooperative')"
    mv "$db.tmp" "$db"
fi
echo "people $(sqlite3 "$db" 'SELECT COUNT(*) FROM people'), jobs $(sqlite3 "$db" 'SELECT COUNT(*) FROM jobs'), trainings $(sqlite3 "$db" 'SELECT COUNT(*) FROM trainings'), certified $(sqlite3 "$db" 'SELECT COUNT(*) FROM certifications')"
for run in 1 2; do
    measure "report fujian1 --region 37 (run $run)" $bangfu --db "$db" report fujian1 --region 37 --quarter 2023Q3
    measure "report fujian1 --region 3708 (run $run)" $bangfu --db "$db" report fujian1 --region 3708 --quarter 2023Q3
done
measure "report targets --month 2023-09" $bangfu --db "$db" report targets --month 2023-09
cat "$out/report fujian1 --region 37 (run 2).stdout"
