#!/bin/sh
# Stored facts benchmark (issue 12 item 7).
#
#   bench/facts_bench.sh [PEOPLE]        default 1000000; 10000 for a quick run
#
# Generates PEOPLE people with their organisations, spells, trainings,
# enrolments, residences and insurance (`bangfu generate facts`, seed 42,
# regions 370800 济宁市 and 500101 万州区), then on SQLite and on PostgreSQL
# (a throwaway loopback server, scripts/pg_server.sh), each on a fresh
# database holding the region table:
#   bangfu import KIND       for each kind, in dependency order
#   bangfu param set         every declared parameter at 37 and 50 (as bench/situation_gen.py)
#   bangfu calc --from 2020-01 --to 2020-12    over everyone stored, to a file and discarded
#   the SQL of bench/facts_benefits.<engine>.sql, three benefits of 济人社字〔2020〕47号
#                            written as plain queries over the stored tables
# printing wall time, CPU time of the command (user + system) and of the
# PostgreSQL server meanwhile, and peak resident memory (GNU time), then the
# totals of the three benefits from the SQL beside calc's.  A kind whose
# import this build lacks is said and skipped; likewise calc over storage.
# Targets: calc over 1M people for 12 months within 3 s on SQLite, 5 s on PostgreSQL.
set -eu
cd "$(dirname "$0")/.."
export LANG=C # usage messages are recognised in English
rows=${1:-1000000}
out=bench/out
mkdir -p "$out"
bangfu=${BANGFU:-./bangfu}
[ -x "$bangfu" ] || make -s bangfu
. bench/bench_lib.sh # measure, server_cpu, facts_generate, parameters_set, pg_start

kinds="people orgs projects jobs trainings enrolments residences insurance"
benefits="jining47.transport_meal jining47.wanzhou_public_welfare jining47.wanzhou_training_living"
facts_generate "$rows"

# run_engine ENGINE DB: the imports, calc and the SQL on one engine.
run_engine() {
    engine=$1
    db=$2
    for kind in $kinds; do
        file="$facts/$kind.csv"
        rows=$(($(wc -l <"$file") - 1))
        if measure "import $kind ($engine)" $bangfu --db "$db" import "$kind" "$file" >"$out/measure.txt"; then
            cat "$out/measure.txt" "$out/import $kind ($engine).stdout"
        elif grep -q "usage:" "$out/import $kind ($engine).stderr"; then
            printf '%-48s (no import %s in this build)\n' "import $kind ($engine)" "$kind"
        else
            cat "$out/measure.txt"
            return 1
        fi
    done
    rows=$(($(wc -l <"$facts/people.csv") - 1))
    parameters_set "$db"
    calc_out="$out/calc 2020-01..2020-12 ($engine).stdout"
    if measure "calc 2020-01..2020-12 ($engine)" $bangfu --db "$db" calc --from 2020-01 --to 2020-12 >"$out/measure.txt"; then
        cat "$out/measure.txt"
    elif grep -q "usage:" "$out/calc 2020-01..2020-12 ($engine).stderr"; then
        printf '%-48s (calc over the stored population is not in this build)\n' "calc ($engine)"
        calc_out=
    else
        cat "$out/measure.txt"
        return 1
    fi
    if [ -n "$calc_out" ]; then
        # The same without writing the output (hundreds of MB at 1M) to the disk.
        measure "calc, output discarded ($engine)" sh -c "$bangfu --db '$db' calc --from 2020-01 --to 2020-12 >/dev/null" >"$out/measure.txt"
        cat "$out/measure.txt"
    fi
    if [ "$engine" = sqlite ]; then
        measure "SQL, three benefits ($engine)" sqlite3 "$db" ".read bench/facts_benefits.sqlite.sql"
    else
        measure "SQL, three benefits ($engine)" psql -qAt "$db" -f bench/facts_benefits.postgresql.sql
    fi
    sql_out="$out/SQL, three benefits ($engine).stdout"
    echo "== totals, $engine: benefit, SQL (yuan, grants), calc (yuan, grants)"
    for benefit in $benefits; do
        sql_line=$(grep "^$benefit|" "$sql_out" || echo "$benefit|0|0")
        if [ -n "$calc_out" ]; then
            calc_line=$(grep "\"benefit\": \"$benefit\".*\"amount\": " "$calc_out" |
                sed 's/.*"amount": \([0-9.]*\).*/\1/' | awk '{ s += $1; n++ } END { printf "%.2f %d", s, n }')
        else
            calc_line="- -"
        fi
        echo "$sql_line $calc_line" | awk -F'[| ]' '{
            same = ($4 == "-") ? "" : (sprintf("%.2f", $2 / 100) == $4 && $3 == $5 ? "same" : "DIFFER")
            printf "%-36s %14.2f %8d   %14s %8s  %s\n", $1, $2 / 100, $3, $4, $5, same }'
    done
    [ -z "$calc_out" ] || echo "calc, all benefits: $(tail -c 200 "$calc_out" | grep -o '"total": [0-9.]*')"
}

echo "== $rows people; machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
cp "$template" "$out/facts.sqlite"
rm -f "$out/facts.sqlite-wal" "$out/facts.sqlite-shm"
run_engine sqlite "$out/facts.sqlite"

pg_start pg
run_engine postgresql "$(pg_database facts)"
sqlite_calc="$out/calc 2020-01..2020-12 (sqlite).stdout"
pg_calc="$out/calc 2020-01..2020-12 (postgresql).stdout"
if [ -n "$calc_out" ]; then
    if cmp -s "$sqlite_calc" "$pg_calc"; then
        echo "calc output: SQLite and PostgreSQL identical ($(wc -c <"$pg_calc") bytes)"
    else
        echo "calc output: SQLite and PostgreSQL DIFFER"
    fi
fi
echo "== load after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
