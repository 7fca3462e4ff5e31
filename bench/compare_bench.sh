#!/bin/sh
# List comparison benchmark (issue 13 item 5).
#
#   bench/compare_bench.sh [PEOPLE]      default 1000000; 10000 for a quick run
#
# Generates PEOPLE people with their facts (`bangfu generate facts`, seed 42,
# regions 370800 济宁市 and 500101 万州区): people.csv, insurance.csv (about half
# of them) and poverty.csv (the poverty office's list: 97% of the people, 3% of
# those with a field otherwise, 1% more people not registered: about PEOPLE
# rows).  On SQLite (a fresh database holding the region table) it imports
# people, insurance and poverty, then times
#   bangfu compare poverty --date 2021-06-30     PEOPLE registered against the list
#   bangfu compare insurance --date 2021-06-30   against the insurance list
#   bangfu compare poverty --date 2021-07-31     again: new and resolved since the first
# printing wall time, CPU time and peak resident memory (GNU time) and the
# findings.  Target: the comparison of 1M registered people with a 1M-row list
# within 10 s on SQLite.
set -eu
cd "$(dirname "$0")/.."
rows=${1:-1000000}
out=bench/out
mkdir -p "$out"
bangfu=${BANGFU:-./bangfu}
[ -x "$bangfu" ] || make -s bangfu
. bench/bench_lib.sh # measure

facts="$out/facts_$rows"
template="$out/template.sqlite"
$bangfu --db "$template" init >/dev/null # creates it, or upgrades it to this build's schema
if [ ! -s "$facts/poverty.csv" ]; then
    measure "generate facts ($rows people)" $bangfu --db "$template" generate facts \
        --count "$rows" --seed 42 --dir "$facts"
    cat "$out/generate facts ($rows people).stdout"
fi

db="$out/compare_$rows.sqlite"
rm -f "$db" "$db-wal" "$db-shm"
cp "$template" "$db"
for kind in people insurance poverty; do
    file="$facts/$kind.csv"
    rows=$(($(wc -l <"$file") - 1))
    measure "import $kind" $bangfu --db "$db" import "$kind" "$file"
    cat "$out/import $kind.stdout"
done
rows=$(($(wc -l <"$facts/people.csv") - 1))
for run in "poverty 2021-06-30" "insurance 2021-06-30" "poverty 2021-07-31"; do
    set -- $run
    measure "compare $1 --date $2" $bangfu --db "$db" compare "$1" --date "$2"
    cat "$out/compare $1 --date $2.stdout"
done
measure "compare export (xlsx)" $bangfu --db "$db" compare export 1 --out "$out/compare_$rows.xlsx" \
    --force
