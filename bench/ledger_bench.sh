#!/bin/sh
# Ledger benchmark (issue 15 item 7).
#
#   bench/ledger_bench.sh [PEOPLE]       default 1000000; 10000 for a quick run
#
# Generates PEOPLE people with their facts (`bangfu generate facts`, seed 42, as
# bench/facts_bench.sh: 济宁市 and 万州区), imports them on SQLite and on PostgreSQL (a
# throwaway loopback server), sets the parameters, then times on each engine:
#   bangfu ledger run --month 2020-06        every policy over everyone stored, one month
#   bangfu ledger approve --month 2020-06    every line at once
#   bangfu ledger import-bank FILE           a bank account for every payee with a line
#   bangfu ledger batch --month 2020-06      one payment per payee
#   bangfu ledger export-bank 1 --out FILE   the bank file (CSV) and its checksum
#   bangfu ledger import-return FILE         the bank's return: every payment paid
# with wall time, CPU of the command and of the PostgreSQL server meanwhile, and peak
# resident memory (GNU time).  Target: the run within 10 s at 1M people on both engines.
set -eu
cd "$(dirname "$0")/.."
export LANG=C
rows=${1:-1000000}
out=bench/out
mkdir -p "$out"
bangfu=${BANGFU:-./bangfu}
[ -x "$bangfu" ] || make -s bangfu
. bench/bench_lib.sh # measure, server_cpu

kinds="people orgs jobs trainings enrolments residences insurance"
facts="$out/facts_$rows"
template="$out/template.sqlite"
$bangfu --db "$template" init >/dev/null
if [ ! -s "$facts/insurance.csv" ]; then
    measure "generate facts ($rows people)" $bangfu --db "$template" generate facts \
        --count "$rows" --seed 42 --dir "$facts"
fi
python3 -c 'import sys; sys.path.insert(0, "bench"); import situation_gen as s
for name, unit in s.parameters(): print(name, unit)' >"$out/parameters.txt"

# sql ENGINE DB STATEMENT: one value.
sql() {
    if [ "$1" = sqlite ]; then sqlite3 "$2" "$3"; else psql -qAt "$2" -c "$3"; fi
}

run_engine() {
    engine=$1
    db=$2
    for kind in $kinds; do
        $bangfu --db "$db" import "$kind" "$facts/$kind.csv" >/dev/null 2>&1 ||
            echo "import $kind ($engine): not imported"
    done
    while read -r name unit; do
        case $unit in
        window) range="--from 2020-01-24 --to 2020-06-30" ;;
        persons | months) range="--from 2019-01-01 --value 6" ;;
        *) range="--from 2019-01-01 --value 1730" ;;
        esac
        for region in 37 50; do
            # shellcheck disable=SC2086 # range is several words
            $bangfu --db "$db" param set "$name" --region "$region" $range --by bench >/dev/null
        done
    done <"$out/parameters.txt"
    rows=$(($(wc -l <"$facts/people.csv") - 1))
    measure "ledger run 2020-06, $rows people ($engine)" $bangfu --db "$db" ledger run \
        --month 2020-06 --by bench
    cat "$out/ledger run 2020-06, $rows people ($engine).stdout"
    lines=$(sql "$engine" "$db" "SELECT COUNT(*) FROM ledger_lines")
    rows=$lines
    measure "ledger rerun, nothing new ($engine)" $bangfu --db "$db" ledger run --month 2020-06 \
        --by bench
    measure "ledger approve $lines lines ($engine)" $bangfu --db "$db" ledger approve \
        --month 2020-06 --reviewer reviewer --reason bench
    {
        echo 证件号码,户名,银行账号,开户行
        sql "$engine" "$db" "SELECT DISTINCT payee FROM ledger_lines ORDER BY payee" |
            awk '{ printf "%s,户%d,62220202%011d,工商银行\n", $1, NR, NR }'
    } >"$out/bank_$engine.csv"
    rows=$(($(wc -l <"$out/bank_$engine.csv") - 1))
    measure "ledger import-bank $rows payees ($engine)" $bangfu --db "$db" ledger import-bank \
        "$out/bank_$engine.csv"
    measure "ledger batch ($engine)" $bangfu --db "$db" ledger batch --month 2020-06 --by bench
    cat "$out/ledger batch ($engine).stdout"
    rm -f "$out/bank_file_$engine.csv" "$out/bank_file_$engine.csv.sha256"
    measure "ledger export-bank, $rows payments ($engine)" $bangfu --db "$db" ledger export-bank 1 \
        --out "$out/bank_file_$engine.csv"
    python3 -c 'import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))[1:-1]
w = csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline=""))
w.writerow(["银行账号", "金额", "结果", "原因"])
for r in rows: w.writerow([r[3], r[5], "成功", ""])' "$out/bank_file_$engine.csv" "$out/return_$engine.csv"
    measure "ledger import-return, $rows lines ($engine)" $bangfu --db "$db" ledger import-return \
        "$out/return_$engine.csv"
    cat "$out/ledger import-return, $rows lines ($engine).stdout"
}

echo "== $rows people; machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
cp "$template" "$out/ledger.sqlite"
rm -f "$out/ledger.sqlite-wal" "$out/ledger.sqlite-shm"
run_engine sqlite "$out/ledger.sqlite"
if [ "${LEDGER_BENCH_SQLITE_ONLY:-0}" = 1 ]; then exit 0; fi
pgdir="$out/pg_ledger"
base=$(scripts/pg_server.sh start "$pgdir")
pgdata=$(cat "$pgdir/datadir" 2>/dev/null || echo "$pgdir")/data
trap 'scripts/pg_server.sh stop "$pgdir" >/dev/null 2>&1 || true' EXIT
psql -q "${base}postgres" -c "CREATE DATABASE ledger" >/dev/null
$bangfu --db "${base}ledger" init >/dev/null
psql -q "${base}ledger" -c "VACUUM ANALYZE" >/dev/null
run_engine postgresql "${base}ledger"
echo "== load after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
