#!/bin/sh
# Import benchmark (issue 11 item 15: PostgreSQL import within 3x of psql
# \copy, SQLite within 2x of sqlite3 .import, a re-import in which every
# person changed one field within 2x of the first import; item 17: status on
# the imported registry within 0.5 s).
#
#   bench/import_bench.sh [ROWS]        default 1000000
#
# Generates ROWS people (seeded, province 山东 37 so every ID and region is
# valid), then times, each on a fresh database that already holds the region
# table:
#   bangfu import people  into SQLite and into PostgreSQL (validated, with history)
#   sqlite3 .import       into a plain table of the same columns (no validation)
#   psql \copy            into a plain table of the same columns (no validation)
#   bangfu import people  again, every person with one field changed (就业状态)
#   bangfu status         on the registry imported
#   bangfu import people  the first file again, its rows shuffled (every field changed back, in
#                         another order than the table's: a list sorted anew in Excel)
# and prints rows/s and peak resident memory (GNU time) side by side.
# PostgreSQL runs on a throwaway loopback server (scripts/pg_server.sh).
# BENCH_ROUNDS=N (default 1) runs the whole sequence N times and ends with each ratio's median
# over the rounds: on a shared host the same binary's wall time swings 15-30 % within minutes,
# and each ratio compares two steps of the same round, minutes apart at most.
set -eu
cd "$(dirname "$0")/.."
rows=${1:-1000000}
out=bench/out
mkdir -p "$out"
bangfu=${BANGFU:-./bangfu}
[ -x "$bangfu" ] || make -s bangfu

csv="$out/people_$rows.csv"
template="$out/template.sqlite"
$bangfu --db "$template" init >/dev/null # creates it, or upgrades it to this build's schema
if [ ! -f "$csv" ]; then
    echo "generating $rows people into $csv"
    $bangfu --db "$template" generate people --count "$rows" --seed 42 --region 37 --out "$csv"
fi

. bench/bench_lib.sh # measure, server_cpu

# ratio LABEL A_WALL A_CPU B_WALL B_CPU: A / B in wall time and in CPU time (command + server).
ratio() {
    awk -v l="$1" -v aw="$2" -v ac="$3" -v bw="$4" -v bc="$5" 'BEGIN {
        printf "%-48s %5.2fx wall  %5.2fx cpu\n", l, (bw > 0 ? aw / bw : 0), (bc > 0 ? ac / bc : 0) }'
}

plain_table="CREATE TABLE plain (name TEXT, id_number TEXT, sex TEXT, hukou_region TEXT,
 household_id TEXT, relation TEXT, category TEXT, phone TEXT, labor_ability TEXT,
 employment_status TEXT, employment_wish TEXT, training_wish TEXT, skills TEXT, difficulties TEXT);"

changed="$out/people_${rows}_changed.csv"
if [ ! -f "$changed" ]; then
    # Every person's 就业状态 (column 10) replaced by another value of the list.
    python3 - "$csv" "$changed" <<'PY'
import csv, sys
values = ["未就业", "县外务工", "县内务工", "务农", "公益性岗位"]
with open(sys.argv[1], encoding="utf-8-sig", newline="") as src, \
        open(sys.argv[2], "w", encoding="utf-8", newline="") as dst:
    rows = csv.reader(src)
    out = csv.writer(dst, lineterminator="\n")
    out.writerow(next(rows))
    for row in rows:
        row[9] = values[(values.index(row[9]) + 1) % len(values)] if row[9] in values else values[0]
        out.writerow(row)
PY
fi

shuffled="$out/people_${rows}_shuffled.csv"
if [ ! -f "$shuffled" ]; then
    python3 - "$csv" "$shuffled" <<'PY'
import random, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as src:
    lines = src.read().split("\n")
header, rows = lines[0], [line for line in lines[1:] if line]
random.Random(42).shuffle(rows)
with open(sys.argv[2], "w", encoding="utf-8", newline="") as dst:
    dst.write(header + "\n" + "\n".join(rows) + "\n")
PY
fi

rounds=${BENCH_ROUNDS:-1}
pgdir="$out/pg"
base=$(scripts/pg_server.sh start "$pgdir")
trap 'scripts/pg_server.sh stop "$pgdir" >/dev/null 2>&1 || true' EXIT
: >"$out/ratios.txt"

# Untimed, before each PostgreSQL re-import: the vacuum autovacuum does some minute after an
# import, done now, so that it does not run into the next timed step (it came at random in the
# middle of one and took a core: re-imports of 5.8 to 7.7 s in one run).  Between two real
# imports weeks go by.
settle() {
    psql -q "${base}bench" -c "VACUUM (ANALYZE) people, person_history" >/dev/null
}

# One round: every step on fresh databases; appends the round's four ratios to ratios.txt.
bench_round() {
pgdata="" # the SQLite steps count no server's CPU
echo "== $rows rows, $(du -h "$csv" | cut -f1) CSV, round $1 of $rounds"
cp "$template" "$out/import.sqlite"
rm -f "$out/import.sqlite-wal" "$out/import.sqlite-shm"
measure "bangfu import (SQLite)" $bangfu --db "$out/import.sqlite" import people "$csv"
sqlite_wall=$wall sqlite_cpu=$total
cat "$out/bangfu import (SQLite).stdout"
measure "bangfu re-import, 1 field changed (SQLite)" $bangfu --db "$out/import.sqlite" import people "$changed"
sqlite_again_wall=$wall sqlite_again_cpu=$total
cat "$out/bangfu re-import, 1 field changed (SQLite).stdout"
measure "bangfu status (SQLite)" $bangfu --db "$out/import.sqlite" status
measure "bangfu re-import, shuffled (SQLite)" $bangfu --db "$out/import.sqlite" import people "$shuffled"
sqlite_shuffled_wall=$wall

rm -f "$out/raw.sqlite"
sqlite3 "$out/raw.sqlite" "$plain_table"
tail -n +2 "$csv" | sed '1s/^\xEF\xBB\xBF//' >"$out/body.csv"
measure "sqlite3 .import (no validation)" sqlite3 "$out/raw.sqlite" -cmd ".mode csv" ".import $out/body.csv plain"
raw_wall=$wall raw_cpu=$total

pgdata=$(cat "$pgdir/datadir" 2>/dev/null || echo "$pgdir")/data
psql -q "${base}postgres" -c "DROP DATABASE IF EXISTS bench" -c "DROP DATABASE IF EXISTS raw" \
    -c "CREATE DATABASE bench" -c CHECKPOINT >/dev/null # the last round's files gone before timing
$bangfu --db "${base}bench" init >/dev/null
measure "bangfu import (PostgreSQL)" $bangfu --db "${base}bench" import people "$csv"
pg_wall=$wall pg_cpu=$total
cat "$out/bangfu import (PostgreSQL).stdout"
settle
measure "bangfu re-import, 1 field changed (PostgreSQL)" $bangfu --db "${base}bench" import people "$changed"
pg_again_wall=$wall pg_again_cpu=$total
cat "$out/bangfu re-import, 1 field changed (PostgreSQL).stdout"
measure "bangfu status (PostgreSQL)" $bangfu --db "${base}bench" status
settle
measure "bangfu re-import, shuffled (PostgreSQL)" $bangfu --db "${base}bench" import people "$shuffled"
pg_shuffled_wall=$wall
psql -q "${base}postgres" -c "CREATE DATABASE raw" >/dev/null
psql -q "${base}raw" -c "$plain_table" >/dev/null
measure "psql COPY (no validation)" psql -q "${base}raw" -c "\\copy plain FROM '$out/body.csv' WITH (FORMAT csv)"
copy_wall=$wall copy_cpu=$total
echo "== ratios (targets: 2x, 2x, 3x, 2x)"
ratio "SQLite import / sqlite3 .import" "$sqlite_wall" "$sqlite_cpu" "$raw_wall" "$raw_cpu"
ratio "SQLite re-import / import" "$sqlite_again_wall" "$sqlite_again_cpu" "$sqlite_wall" "$sqlite_cpu"
ratio "PostgreSQL import / psql COPY" "$pg_wall" "$pg_cpu" "$copy_wall" "$copy_cpu"
ratio "PostgreSQL re-import / import" "$pg_again_wall" "$pg_again_cpu" "$pg_wall" "$pg_cpu"
awk -v a="$sqlite_shuffled_wall" -v b="$sqlite_wall" -v c="$pg_shuffled_wall" -v d="$pg_wall" 'BEGIN {
    printf "shuffled re-import / import (no target): SQLite %.2fx, PostgreSQL %.2fx wall\n", a / b, c / d }'
awk -v a="$sqlite_wall" -v b="$raw_wall" -v c="$sqlite_again_wall" -v d="$pg_wall" \
    -v e="$copy_wall" -v f="$pg_again_wall" \
    'BEGIN { printf "%.4f %.4f %.4f %.4f\n", a / b, c / a, d / e, f / d }' >>"$out/ratios.txt"
# The databases go before the next round: their autovacuum (2M dead rows after the two
# re-imports) took a core from the next round's SQLite steps (its re-import 4.1 -> 7.5 s).
psql -q "${base}postgres" -c "DROP DATABASE IF EXISTS bench" -c "DROP DATABASE IF EXISTS raw" \
    -c CHECKPOINT >/dev/null
}

round=1
while [ "$round" -le "$rounds" ]; do
    bench_round "$round"
    round=$((round + 1))
done
if [ "$rounds" -gt 1 ]; then
    echo "== ratios by wall, median of $rounds rounds (each round's: $(tr '\n' ';' <"$out/ratios.txt"))"
    for column in 1 2 3 4; do
        median=$(cut -d' ' -f"$column" "$out/ratios.txt" | sort -n |
            awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')
        case $column in
        1) label="SQLite import / sqlite3 .import (2x)" ;;
        2) label="SQLite re-import / import (2x)" ;;
        3) label="PostgreSQL import / psql COPY (3x)" ;;
        4) label="PostgreSQL re-import / import (2x)" ;;
        esac
        printf '%-48s %5.2fx\n' "$label" "$median"
    done
fi
