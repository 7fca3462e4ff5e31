#!/bin/sh
# Ledger benchmark (issue 15 item 7).
#
#   bench/ledger_bench.sh [PEOPLE [PAYEES]]   default 1000000 and 100000; 10000 1000 for a quick run
#
# 1. The run over the real policies.  Generates PEOPLE people with their facts (bench_lib.sh's
#    facts_generate), imports them on SQLite and on PostgreSQL (a throwaway loopback server),
#    sets every parameter, then times on each engine:
#      bangfu ledger run --month 2020-06        every policy over everyone stored, one month
#      the same again                           a rerun that writes nothing
#      bangfu ledger approve --month 2020-06    every line at once
#      import-bank, batch, export-bank, import-return of those lines' payees
# 2. The payment path at PAYEES lines, and at a tenth of them (the return import must grow
#    linearly).  The real policies pay too few people in one month (1,697 payees at 100k
#    people), so a database of the first PAYEES people of the same file (济宁's come first, 89 %
#    of them) is run against tests/data/ledger_policies (100 yuan a month to everyone in 37):
#      ledger run, approve, import-bank (an account per payee), batch, export-bank (CSV and
#      .sha256), import-return (every payment paid)
# Each line: wall time, CPU of the command (user + system) and of the PostgreSQL server
# meanwhile, and peak resident memory (GNU time).  Target: the run within 10 s at 1M people on
# both engines.  LEDGER_BENCH_SQLITE_ONLY=1 skips PostgreSQL; LEDGER_BENCH_PART=1 or 2 runs one
# part.
set -eu
cd "$(dirname "$0")/.."
export LANG=C
people=${1:-1000000}
payees=${2:-100000}
out=bench/out
mkdir -p "$out"
bangfu=${BANGFU:-./bangfu}
[ -x "$bangfu" ] || make -s bangfu
. bench/bench_lib.sh # measure, server_cpu, facts_generate, parameters_set, pg_start

kinds="people orgs projects jobs trainings enrolments residences insurance"
part=${LEDGER_BENCH_PART:-all}
facts_generate "$people"

# sql ENGINE DB STATEMENT: one value.
sql() {
    if [ "$1" = sqlite ]; then sqlite3 "$2" "$3"; else psql -qAt "$2" -c "$3"; fi
}

# fresh ENGINE NAME: the target of a new, initialised database.
fresh() {
    if [ "$1" = sqlite ]; then
        rm -f "$out/$2.sqlite" "$out/$2.sqlite-wal" "$out/$2.sqlite-shm"
        cp "$template" "$out/$2.sqlite"
        echo "$out/$2.sqlite"
    else
        pg_database "$2"
    fi
}

# payments ENGINE DB TAG [--policies DIR]: approve the month, then the bank details of
# every payee, the batch, the bank file and the return, timed.
payments() {
    engine=$1
    db=$2
    tag=$3
    shift 3
    rows=$(sql "$engine" "$db" "SELECT COUNT(*) FROM ledger_lines")
    measure "ledger approve $rows lines ($tag)" $bangfu --db "$db" ledger approve \
        --month 2020-06 --reviewer reviewer --reason bench
    {
        echo 证件号码,户名,银行账号,开户行
        sql "$engine" "$db" "SELECT DISTINCT payee FROM ledger_lines ORDER BY payee" |
            awk '{ printf "%s,户%d,62220202%011d,工商银行\n", $1, NR, NR }'
    } >"$out/bank_$tag.csv"
    rows=$(($(wc -l <"$out/bank_$tag.csv") - 1))
    measure "ledger import-bank $rows payees ($tag)" $bangfu --db "$db" ledger import-bank \
        "$out/bank_$tag.csv"
    measure "ledger batch ($tag)" $bangfu --db "$db" ledger batch --month 2020-06 --by bench "$@"
    cat "$out/ledger batch ($tag).stdout"
    batch=$(sql "$engine" "$db" "SELECT MAX(id) FROM payment_batches")
    $bangfu --db "$db" ledger approve-batch "$batch" --by reviewer >/dev/null
    rm -f "$out/bank_file_$tag.csv" "$out/bank_file_$tag.csv.sha256"
    measure "ledger export-bank, $rows payments ($tag)" $bangfu --db "$db" ledger export-bank \
        "$batch" --out "$out/bank_file_$tag.csv"
    python3 -c 'import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))[1:-1]
w = csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline=""))
w.writerow(["银行账号", "金额", "结果", "原因"])
for r in rows: w.writerow([r[3], r[5], "成功", ""])' "$out/bank_file_$tag.csv" "$out/return_$tag.csv"
    measure "ledger import-return, $rows lines ($tag)" $bangfu --db "$db" ledger import-return \
        "$out/return_$tag.csv"
    cat "$out/ledger import-return, $rows lines ($tag).stdout"
}

# run_policies ENGINE: part 1 on one engine.
run_policies() {
    engine=$1
    db=$(fresh "$engine" ledger)
    for kind in $kinds; do
        rows=$(($(wc -l <"$facts/$kind.csv") - 1))
        measure "import $kind ($engine)" $bangfu --db "$db" import "$kind" "$facts/$kind.csv"
    done
    parameters_set "$db"
    rows=$(($(wc -l <"$facts/people.csv") - 1))
    measure "ledger run 2020-06, $rows people ($engine)" $bangfu --db "$db" ledger run \
        --month 2020-06 --by bench
    cat "$out/ledger run 2020-06, $rows people ($engine).stdout"
    measure "ledger rerun, nothing new ($engine)" $bangfu --db "$db" ledger run --month 2020-06 \
        --by bench
    payments "$engine" "$db" "$engine"
}

# run_payments ENGINE COUNT: part 2 at COUNT payees on one engine.
run_payments() {
    engine=$1
    count=$2
    db=$(fresh "$engine" "pay$count")
    head -n "$((count + 1))" "$facts/people.csv" >"$out/people_pay$count.csv"
    rows=$(($(wc -l <"$out/people_pay$count.csv") - 1))
    measure "import people ($engine, $rows)" $bangfu --db "$db" import people \
        "$out/people_pay$count.csv"
    measure "ledger run, test policies, $rows people ($engine)" $bangfu --db "$db" ledger run \
        --month 2020-06 --by bench --policies tests/data/ledger_policies
    payments "$engine" "$db" "$engine, $count" --policies tests/data/ledger_policies
}

engines="sqlite"
[ "${LEDGER_BENCH_SQLITE_ONLY:-0}" = 1 ] || engines="sqlite postgresql"
echo "== $people people, $payees payees; machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for engine in $engines; do
    if [ "$engine" = postgresql ]; then
        pg_start pg_ledger
    fi
    if [ "$part" != 2 ]; then
        run_policies "$engine"
    fi
    if [ "$part" != 1 ]; then
        run_payments "$engine" "$((payees / 10))"
        run_payments "$engine" "$payees"
    fi
done
echo "== load after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
