#!/bin/sh
# Matching benchmark (issue 14 item 6).
#
#   bench/match_bench.sh [PEOPLE [SQL_PEOPLE [POSTINGS]]]   defaults 1700000, 30000, 125000
#
# Generates PEOPLE people with their facts and PEOPLE/10 job postings
# (`bangfu generate facts`, seed 42, 370800 济宁市 and 500101 万州区), imports
# people, orgs and the first POSTINGS postings (80% of them open) into a fresh
# SQLite database and times, with weights that admit every 劳动能力 and 就业状态
# (so that all but the 41% without 就业意愿, children included, are laborers:
# about 1.0M of 1.7M, against about 100k open postings),
#   bangfu match --date 2021-06-30 --top 10      every laborer, list discarded
# (wall, CPU, peak resident memory).  Then, on SQL_PEOPLE people (the plain SQL
# pairs every laborer with every posting: 10^11 pairs at 1M are out of reach),
# times the same ranking written as one SQL query (bench/match_rank.sql's
# template, the weights and pairs of data/*.tsv filled in) beside `bangfu
# match`, and checks that both give the same rows (laborer, rank, posting,
# score).  The SQL reads 技能 as one word, as the generated lists have it.
# Target: 1M laborers' registry against 100k postings, top 10, within 30 s on 2 cores.
set -eu
cd "$(dirname "$0")/.."
export LANG=C
rows=${1:-1700000}
sql_rows=${2:-30000}
postings=${3:-125000}
out=bench/out
mkdir -p "$out"
bangfu=${BANGFU:-./bangfu}
[ -x "$bangfu" ] || make -s bangfu
. bench/bench_lib.sh # measure

template="$out/template.sqlite"
$bangfu --db "$template" init >/dev/null

# setup N KIND...: facts of N people in $out/facts_N (kept), the kinds imported into
# $out/match_N.sqlite.
setup() {
    facts="$out/facts_$1"
    if [ ! -s "$facts/postings.csv" ]; then
        measure "generate facts ($1 people)" $bangfu --db "$template" generate facts \
            --count "$1" --seed 42 --dir "$facts"
        cat "$out/generate facts ($1 people).stdout"
    fi
    db="$out/match_$1.sqlite"
    rm -f "$db" "$db-wal" "$db-shm"
    cp "$template" "$db"
    n=$1
    shift
    for kind in "$@"; do
        file="$facts/$kind.csv"
        if [ "$kind" = postings ]; then
            head -n $((postings + 1)) "$file" >"$out/postings_$n.csv"
            file="$out/postings_$n.csv"
        fi
        rows=$(($(wc -l <"$file") - 1))
        measure "import $kind ($n people)" $bangfu --db "$db" import "$kind" "$file"
    done
}

# The ranking as SQL with the weights of data/match_weights.tsv and the pairs of
# data/labor_pairs.tsv filled into bench/match_rank.sql.
rank_sql() {
    awk -F '\t' '
        FILENAME ~ /match_weights/ && $0 !~ /^#/ && NF >= 2 { w[$1] = $2 }
        FILENAME ~ /trade/ && $0 !~ /^#/ && NF >= 2 { trades = trades (trades == "" ? "" : ", ") "(\x27" $1 "\x27, \x27" $2 "\x27)" }
        FILENAME ~ /labor_pairs/ && $0 !~ /^#/ && NF >= 2 {
            a = $1; b = $2; sub(/(00)+$/, "", a); sub(/(00)+$/, "", b)
            pairs = pairs " OR (l.region LIKE \x27" a "%\x27 AND p.region LIKE \x27" b "%\x27) OR (l.region LIKE \x27" b "%\x27 AND p.region LIKE \x27" a "%\x27)"
        }
        FILENAME ~ /match_rank/ {
            line = $0
            while (match(line, /@[a-z_.]+@/)) {
                name = substr(line, RSTART + 1, RLENGTH - 2)
                value = name == "trades" ? trades : name == "pairs" ? pairs : w[name]
                if (value == "-") value = "NULL"
                line = substr(line, 1, RSTART - 1) value substr(line, RSTART + RLENGTH)
            }
            print line
        }' data/match_weights.tsv vocabularies/trade.tsv data/labor_pairs.tsv bench/match_rank.sql
}

setup "$rows" people orgs postings
everyone="$out/match_data_everyone"
mkdir -p "$everyone"
cp data/labor_pairs.tsv "$everyone/"
sed -e 's/^eligible\.labor_ability\t[^\t]*/eligible.labor_ability\table|weak|lost|none|empty/' \
    -e "s/^eligible\.employment_status\t[^\t]*/eligible.employment_status\t$(grep -v '^#' vocabularies/employment_status.tsv | cut -f1 | tr '\n' '|')empty/" \
    data/match_weights.tsv >"$everyone/match_weights.tsv"
rows=$(($(wc -l <"$facts/people.csv") - 1))
measure "match top 10 ($rows people)" sh -c "exec $bangfu --db $db match --date 2021-06-30 --top 10 --data $everyone >/dev/null"
cat "$out/match top 10 ($rows people).stderr"

setup "$sql_rows" people orgs projects jobs postings
rank_sql >"$out/match_rank.filled.sql"
measure "match top 10, bangfu ($sql_rows people)" $bangfu --db "$db" match --date 2021-06-30 --top 10
cat "$out/match top 10, bangfu ($sql_rows people).stderr"
measure "match top 10, plain SQL ($sql_rows people)" sqlite3 "$db" ".read $out/match_rank.filled.sql"
python3 -c 'import csv, sys
for r in list(csv.reader(open(sys.argv[1], encoding="utf-8")))[1:]:
    print("|".join([r[0], r[3], r[4], r[8]]))' "$out/match top 10, bangfu ($sql_rows people).stdout" | sort >"$out/match_c.txt"
sort "$out/match top 10, plain SQL ($sql_rows people).stdout" >"$out/match_sql.txt"
if cmp -s "$out/match_c.txt" "$out/match_sql.txt"; then
    echo "same rows from bangfu match and the SQL: $(wc -l <"$out/match_c.txt")"
else
    echo "DIFFERENT rows from bangfu match and the SQL (diff $out/match_c.txt $out/match_sql.txt)"
    exit 1
fi
