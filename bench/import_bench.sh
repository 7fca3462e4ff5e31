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
# and prints rows/s and peak resident memory (GNU time) side by side.
# PostgreSQL runs on a throwaway loopback server (scripts/pg_server.sh).
set -eu
cd "$(dirname "$0")/.."
rows=${1:-1000000}
out=bench/out
mkdir -p "$out"
bangfu=${BANGFU:-./bangfu}
[ -x "$bangfu" ] || make -s bangfu

csv="$out/people_$rows.csv"
template="$out/template.sqlite"
[ -f "$template" ] || $bangfu --db "$template" init >/dev/null
if [ ! -f "$csv" ]; then
    echo "generating $rows people into $csv"
    $bangfu --db "$template" generate people --count "$rows" --seed 42 --region 37 --out "$csv"
fi

# measure LABEL COMMAND...: prints "LABEL seconds peak_kib" using GNU time.
measure() {
    label=$1
    shift
    /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >"$out/$label.stdout" 2>"$out/$label.stderr" ||
        { echo "$label failed:"; cat "$out/$label.stderr"; return 1; }
    read -r seconds kib <"$out/time.txt"
    rate=$(awk -v r="$rows" -v s="$seconds" 'BEGIN { printf "%.0f", (s > 0 ? r / s : 0) }')
    printf '%-34s %8.2f s %10s rows/s %8d MiB peak\n' "$label" "$seconds" "$rate" $((kib / 1024))
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

echo "== $rows rows, $(du -h "$csv" | cut -f1) CSV"
cp "$template" "$out/import.sqlite"
rm -f "$out/import.sqlite-wal" "$out/import.sqlite-shm"
measure "bangfu import (SQLite)" $bangfu --db "$out/import.sqlite" import people "$csv"
cat "$out/bangfu import (SQLite).stdout"
measure "bangfu re-import, 1 field changed (SQLite)" $bangfu --db "$out/import.sqlite" import people "$changed"
cat "$out/bangfu re-import, 1 field changed (SQLite).stdout"
measure "bangfu status (SQLite)" $bangfu --db "$out/import.sqlite" status

rm -f "$out/raw.sqlite"
sqlite3 "$out/raw.sqlite" "$plain_table"
tail -n +2 "$csv" | sed '1s/^\xEF\xBB\xBF//' >"$out/body.csv"
measure "sqlite3 .import (no validation)" sqlite3 "$out/raw.sqlite" -cmd ".mode csv" ".import $out/body.csv plain"

pgdir="$out/pg"
base=$(scripts/pg_server.sh start "$pgdir")
trap 'scripts/pg_server.sh stop "$pgdir" >/dev/null 2>&1 || true' EXIT
psql -q "${base}postgres" -c "CREATE DATABASE bench" >/dev/null
$bangfu --db "${base}bench" init >/dev/null
measure "bangfu import (PostgreSQL)" $bangfu --db "${base}bench" import people "$csv"
cat "$out/bangfu import (PostgreSQL).stdout"
measure "bangfu re-import, 1 field changed (PostgreSQL)" $bangfu --db "${base}bench" import people "$changed"
cat "$out/bangfu re-import, 1 field changed (PostgreSQL).stdout"
measure "bangfu status (PostgreSQL)" $bangfu --db "${base}bench" status
psql -q "${base}postgres" -c "CREATE DATABASE raw" >/dev/null
psql -q "${base}raw" -c "$plain_table" >/dev/null
measure "psql COPY (no validation)" psql -q "${base}raw" -c "\\copy plain FROM '$out/body.csv' WITH (FORMAT csv)"
