#!/bin/sh
# Monitoring, post governance and 四清 quality benchmark (issue 16 items 4-6).
#
#   bench/monitor_bench.sh [PEOPLE]      default 1000000; 10000 for a quick run
#
# Generates PEOPLE people with their facts (`bangfu generate facts`, seed 42, regions 370800
# 济宁市 and 500101 万州区), imports on SQLite (a fresh database holding the region table)
# people, orgs, jobs, posts, assignments, post_pay and cadres, then times
#   bangfu monitor snapshot --month 2020-12 and 2021-12   the stored snapshots
#   bangfu monitor show / alerts --month 2021-12           read back by province
#   bangfu quality / quality --by-county                   every village, the counties
#   bangfu governance --as-of 2021-12-31                   every post
# printing wall time, CPU time and peak resident memory (GNU time) and the first lines.
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
$bangfu --db "$template" init >/dev/null
if [ ! -s "$facts/cadres.csv" ]; then
    measure "generate facts ($rows people)" $bangfu --db "$template" generate facts \
        --count "$rows" --seed 42 --dir "$facts"
fi
db="$out/monitor_$rows.sqlite"
rm -f "$db" "$db-wal" "$db-shm"
cp "$template" "$db"
for kind in people orgs jobs posts assignments post_pay cadres; do
    measure "import $kind" $bangfu --db "$db" import "$kind" "$facts/$kind.csv"
    cat "$out/import $kind.stdout"
done
for month in 2020-12 2021-12; do
    measure "monitor snapshot --month $month" $bangfu --db "$db" monitor snapshot --month $month
    cat "$out/monitor snapshot --month $month.stdout"
done
measure "monitor show --month 2021-12" $bangfu --db "$db" monitor show --month 2021-12
head -3 "$out/monitor show --month 2021-12.stdout"
measure "monitor alerts --month 2021-12" $bangfu --db "$db" monitor alerts --month 2021-12 --out - 
echo "alert rows: $(($(wc -l <"$out/monitor alerts --month 2021-12.stdout") - 1))"
measure "quality (every village)" $bangfu --db "$db" quality
echo "villages: $(($(wc -l <"$out/quality (every village).stdout") - 1))"
measure "quality --by-county" $bangfu --db "$db" quality --by-county
head -3 "$out/quality --by-county.stdout"
measure "governance --as-of 2021-12-31" $bangfu --db "$db" governance --as-of 2021-12-31
echo "flags: $(($(wc -l <"$out/governance --as-of 2021-12-31.stdout") - 1))"
