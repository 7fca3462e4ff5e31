#!/bin/sh
# Report benchmark (issue 16 item 9).
#
#   bench/report_bench.sh [PEOPLE [ENGINES]]   default 1000000 "sqlite postgresql"; 10000 quick
#
# Generates PEOPLE people with their facts (`bangfu generate facts`, seed 42: 济宁市 and
# 万州区), imports the kinds 附件1 reads (people, orgs, certifications, alliances, brands,
# projects, jobs, trainings, residences, posts, assignments, fairs) into each engine (SQLite
# file; PostgreSQL on a throwaway loopback server, scripts/pg_server.sh), dates those batches
# 2023-09-01, then times, with wall time, CPU of the command and of the server, peak memory:
#   report fujian1 --region 37 --quarter 2023Q3     附件1 of the province (its cities), twice
#   report fujian1 --region 3708 --quarter 2023Q3   附件1 of 济宁市 (its counties), twice
#   report targets --month 2023-09                  every target, its progress
# then re-imports 1 % of the spells ended in 2022 (today's batch) and times
#   report fujian1 --region 37 --quarter 2023Q3 --as-of 2023-09-30
# which must give byte for byte the table printed with --as-of 2023-09-30 before the edit.
# Target: 附件1 of the province of 1M people within 1 s on SQLite.  BANGFU picks the binary,
# BENCH_DIR the folder (default bench/out).
set -eu
cd "$(dirname "$0")/.."
export LANG=C
rows=${1:-1000000}
engines=${2:-sqlite postgresql}
out=${BENCH_DIR:-bench/out}
mkdir -p "$out"
bangfu=${BANGFU:-./bangfu}
[ -x "$bangfu" ] || make -s bangfu
. bench/bench_lib.sh # measure, facts_generate

kinds="people orgs certifications alliances brands projects jobs trainings residences posts assignments fairs"
facts_generate "$rows"
nrows=$rows
edit="$out/report_edit_$rows.csv"
# 1 % of the spells that began before 2022-12-31, now ended on that day (out of 附件1 of 2023).
awk -F, 'NR == 1 || (NR % 100 == 0 && $5 < "2022-12-31") { if (NR > 1) $6 = "2022-12-31"; print }' OFS=, \
    "$facts/jobs.csv" >"$edit"

pgdir="$out/pg_report"
pgdata=
cleanup() { [ -z "$pgdata" ] || scripts/pg_server.sh stop "$pgdir" >/dev/null 2>&1 || true; }
trap cleanup EXIT

for engine in $engines; do
    if [ "$engine" = postgresql ]; then
        base=$(scripts/pg_server.sh start "$pgdir")
        pgdata=$(cat "$pgdir/datadir" 2>/dev/null || echo "$pgdir")/data
        psql -q "${base}postgres" -c "CREATE DATABASE report" >/dev/null
        db="${base}report"
        run_sql() { psql -qAt "$db" -c "$1"; }
        $bangfu --db "$db" init >/dev/null
    else
        db="$out/report_$rows.sqlite"
        run_sql() { sqlite3 "$db" "$1"; }
        rm -f "$db" "$db-wal" "$db-shm"
        cp "$template" "$db"
    fi
    # More than the 5 million rows one import takes by default (docs/import.md).
    run_sql "INSERT INTO settings (key, value) VALUES ('import.max_rows', '100000000')" >/dev/null
    rows=$nrows
    for kind in $kinds; do
        measure "$engine: import $kind" $bangfu --db "$db" import "$kind" "$facts/$kind.csv"
    done
    run_sql "UPDATE batches SET started_at = '2023-09-01T02:00:00Z'" >/dev/null
    echo "$engine: people $(run_sql 'SELECT COUNT(*) FROM people'), spells $(run_sql 'SELECT COUNT(*) FROM jobs'), trainings $(run_sql 'SELECT COUNT(*) FROM trainings'), decisions $(run_sql 'SELECT COUNT(*) FROM certifications')"
    for run in 1 2; do
        measure "$engine: report fujian1 --region 37 (run $run)" $bangfu --db "$db" report fujian1 --region 37 --quarter 2023Q3
        measure "$engine: report fujian1 --region 3708 (run $run)" $bangfu --db "$db" report fujian1 --region 3708 --quarter 2023Q3
    done
    measure "$engine: report targets --month 2023-09" $bangfu --db "$db" report targets --month 2023-09
    measure "$engine: report fujian1 --region 37 --as-of, before the edit" $bangfu --db "$db" report fujian1 --region 37 --quarter 2023Q3 --as-of 2023-09-30
    measure "$engine: import 1 % of the spells ended in 2022" $bangfu --db "$db" import jobs "$edit"
    measure "$engine: report fujian1 --region 37 --as-of, after the edit" $bangfu --db "$db" report fujian1 --region 37 --quarter 2023Q3 --as-of 2023-09-30
    if cmp -s "$out/$engine: report fujian1 --region 37 --as-of, before the edit.stdout" \
        "$out/$engine: report fujian1 --region 37 --as-of, after the edit.stdout"; then
        echo "$engine: --as-of 2023-09-30 after the edit: the same table"
    else
        echo "$engine: --as-of 2023-09-30 after the edit: DIFFERENT"
    fi
    measure "$engine: report fujian1 --region 37, after the edit" $bangfu --db "$db" report fujian1 --region 37 --quarter 2023Q3
    sed -n 6p "$out/$engine: report fujian1 --region 37 --as-of, before the edit.stdout"
    sed -n 6p "$out/$engine: report fujian1 --region 37, after the edit.stdout"
    [ "$engine" != postgresql ] || { scripts/pg_server.sh stop "$pgdir" >/dev/null; pgdata=; }
done
