#!/bin/sh
# bench/calc_bench.sh [PEOPLE ...] - the real `bangfu calc FILE`, `bangfu calc
# FILE --explain` and `bangfu calc FILE --explain=full` end to end on generated
# situation files (bench/situation_gen.py: people with jobs, trainings and orgs,
# every parameter given), default 10000 and 100000 people.  Prints, per size and
# mode, the wall and CPU time, the peak memory (/usr/bin/time -v) and the output
# size: of RUNS runs (default 1) the one of least CPU time (user + sys), the
# comparable figure on a shared machine.  MODES (default "plain explain full")
# picks the modes.  Files are kept in $BENCH_DIR (default /tmp/bangfu-bench), so
# a rerun does not generate them again; the output goes to a file there.  Speed
# targets live here, never in tests: 100k people under 2 s, 1M under 20 s,
# --explain within 3x.
set -eu
cd "$(dirname "$0")/.."
dir=${BENCH_DIR:-/tmp/bangfu-bench}
mkdir -p "$dir"
make -s all >/dev/null
[ $# -gt 0 ] || set -- 10000 100000
printf '%-9s %-9s %8s %8s %8s %10s %10s\n' people mode wall_s user_s sys_s peak_MiB output_MB
for people in "$@"; do
    file="$dir/situation_$people.json"
    [ -s "$file" ] || python3 bench/situation_gen.py "$people" >"$file"
    for mode in ${MODES:-plain explain full}; do
        case $mode in
        plain) flag= ;;
        explain) flag=--explain ;;
        *) flag=--explain=full ;;
        esac
        run=0
        while [ "$run" -lt "${RUNS:-1}" ]; do
            run=$((run + 1))
            /usr/bin/time -v -o "$dir/time.txt" ./bangfu calc "$file" $flag >"$dir/out.json"
            awk -v people="$people" -v mode="$mode" -v bytes="$(wc -c <"$dir/out.json")" '
                /Elapsed \(wall clock\)/ { n = split($NF, t, ":"); wall = t[n] + (n > 1 ? t[n - 1] * 60 : 0) + (n > 2 ? t[n - 2] * 3600 : 0) }
                /User time/ { user = $NF }
                /System time/ { sys = $NF }
                /Maximum resident/ { rss = $NF / 1024 }
                END { printf "%-9s %-9s %8.2f %8.2f %8.2f %10.0f %10.1f\n", people, mode, wall, user, sys, rss, bytes / 1e6 }
            ' "$dir/time.txt"
        done | awk '{ cpu = $4 + $5; if (NR == 1 || cpu < best) { best = cpu; line = $0 } } END { print line }'
    done
done
rm -f "$dir/out.json" "$dir/time.txt"
