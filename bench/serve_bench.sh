#!/bin/sh
# bench/serve_bench.sh [SECONDS] [CONNECTIONS] - wrk against `bangfu serve` on loopback
# (issue 17 item 7): a county of 10,000 generated people, one logged-in clerk, and
#   1. GET /api/people/{ref}: an authenticated read of one person, each one audited
#      (an appended, hash-chained row committed per request);
#   2. GET /api/session: an authenticated read with no personal data (no audit row): the
#      server's frame alone;
# each for SECONDS (default 60) at CONNECTIONS (default 256) with 2 wrk threads and the
# server's BENCH_THREADS workers (default: serve's own, 2 per core on SQLite), printing
# requests/s, latency percentiles, errors, the server's resident memory sampled every 5 s (flat
# memory = no leak under load; its first sample is taken before the load starts) and on SQLite
# the size of the database's log (-wal: bounded when the audit writer's restarts work), and the
# server's CPU time per request (user + system of the serve process, /proc/PID/stat, over wrk's
# requests: the figure that compares builds on a machine other work loads; on PostgreSQL also
# the database server's, its postmaster and backends) with the load average at the start.
#   3. the person read again at a fixed offered rate, BENCH_RATE requests/s in all (default
#      20000; 0 skips it) over the same connections (bench/paced.lua: wrk paces its requests with
#      delay(), the open-loop latency of wrk2), printing the rate achieved, its latency
#      percentiles and how many requests left behind their schedule (coordinated omission).
# wrk's own CPU per request is printed too: wrk shares the 2 cores with the server.
# BENCH_RUN=person, paced or session runs only that one; BENCH_PERF=FILE records the server with
# `perf record -g` during each run into FILE.person / FILE.paced / FILE.session (perf report -i).
# BENCH_DB=postgresql runs on PostgreSQL on a throwaway loopback server (scripts/pg_server.sh,
# fsync off, as the tests run it); BENCH_DB=postgresql://HOST/NAME on that database (dropped and
# made anew); else SQLite in bench/out/serve/.  BANGFU=build-x/bangfu benchmarks another build.
# Traffic goes to 127.0.0.1 only, and wrk stops by itself after SECONDS.
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-60}
connections=${2:-256}
bangfu=${BANGFU:-./bangfu}
command -v wrk >/dev/null || { echo "serve_bench: needs wrk (apt-get install wrk)" >&2; exit 1; }
out=bench/out/serve
mkdir -p "$out"
db=${BENCH_DB:-$out/serve.sqlite}
pgdir=""
if [ "$db" = postgresql ]; then
    pgdir=$out/pg
    db="$(scripts/pg_server.sh start "$pgdir")serve"
fi
case "$db" in
postgres*)
    name=${db##*/}
    psql -q "${db%/*}/postgres" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" ;;
*) rm -f "$db" "$db-wal" "$db-shm" ;;
esac
"$bangfu" --db "$db" init >/dev/null
"$bangfu" --db "$db" generate people --count 10000 --seed 17 --region 370811 --out "$out/people.csv" >/dev/null
"$bangfu" --db "$db" import people "$out/people.csv" >/dev/null
password='Wrk-load-2024!'
echo "$password" | "$bangfu" --db "$db" user add loadtest --name 压测 --region 370811 --roles 经办员

"$bangfu" --db "$db" serve --listen 127.0.0.1:0 ${BENCH_THREADS:+--threads "$BENCH_THREADS"} >"$out/serve.out" 2>"$out/serve.err" &
server=$!
stop_all() {
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    [ -z "$pgdir" ] || scripts/pg_server.sh stop "$pgdir" >/dev/null 2>&1 || true
}
trap stop_all EXIT INT TERM
port=""
for _ in $(seq 100); do
    port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$out/serve.out")
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { echo "serve_bench: the server did not start" >&2; cat "$out/serve.err"; exit 1; }
url="http://127.0.0.1:$port"
cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"login\":\"loadtest\",\"password\":\"$password\"}" "$url/api/session" |
    sed -n 's/^Set-Cookie: \([^;]*\);.*/\1/p')
ref=$(curl -s -H "Cookie: $cookie" "$url/api/people?limit=1" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["people"][0]["ref"])')

rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
# The serve process's CPU ticks, and on a throwaway PostgreSQL server its processes' too.
cpu_ticks() {
    pids=$server
    if [ -n "$pgdir" ]; then
        datadir=$pgdir/data
        [ ! -f "$pgdir/datadir" ] || datadir=$(cat "$pgdir/datadir")
        postmaster=$(head -1 "$datadir/postmaster.pid")
        pids="$pids $postmaster $(cat "/proc/$postmaster/task/$postmaster/children")"
    fi
    for pid in $pids; do cat "/proc/$pid/stat" 2>/dev/null; done | awk '{t += $14 + $15 + $16 + $17} END {print t}'
}
run() { # LABEL PATH NAME [RATE]
    pacing=""
    [ -z "${4:-}" ] || pacing="-s bench/paced.lua"
    echo "== $1: $seconds s, $connections connections${4:+, $4 requests/s offered} ($("$bangfu" --version | head -1), ${db%%:*})"
    audit_before=$("$bangfu" --db "$db" audit list --last 1 --json | python3 -c 'import json,sys; e=json.load(sys.stdin); print(e[0]["seq"] if e else 0)')
    : >"$out/rss.txt"
    : >"$out/wal.txt"
    (while kill -0 "$server" 2>/dev/null; do
        rss >>"$out/rss.txt"
        [ ! -f "$db-wal" ] || stat -c %s "$db-wal" >>"$out/wal.txt"
        sleep 5
    done) &
    sampler=$!
    recorder=""
    if [ -n "${BENCH_PERF:-}" ]; then
        perf record -q -g -p "$server" -o "$BENCH_PERF.$3" -- sleep "$seconds" 2>/dev/null &
        recorder=$!
    fi
    ticks_before=$(cpu_ticks)
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    # shellcheck disable=SC2086 # pacing is empty or two words
    /usr/bin/time -f '%U %S' -o "$out/wrk.time" wrk -t2 -c"$connections" -d"${seconds}s" \
        --timeout 10s --latency -H "Cookie: $cookie" $pacing "$url$2" \
        ${4:+-- "$(awk -v r="$4" 'BEGIN {printf "%.6f", 2 * 1000 / r}')"} | tee "$out/wrk.txt"
    ticks_after=$(cpu_ticks)
    kill "$sampler" 2>/dev/null || true
    [ -z "$recorder" ] || wait "$recorder" || true
    requests=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$out/wrk.txt")
    echo "server CPU: $(awk -v t=$((ticks_after - ticks_before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" \
        'BEGIN {printf "%.2f s, %.1f us per request", t / hz, (n > 0 ? t / hz / n * 1e6 : 0)}') (load average at the start: $load)"
    echo "wrk CPU: $(awk -v n="$requests" '{printf "%.2f s, %.1f us per request", $1 + $2, (n > 0 ? ($1 + $2) / n * 1e6 : 0)}' "$out/wrk.time")"
    echo "server RSS every 5 s (KiB): $(tr '\n' ' ' <"$out/rss.txt")"
    echo "server RSS: $(head -1 "$out/rss.txt") KiB at the start, $(sed -n 2p "$out/rss.txt") KiB after 5 s, $(tail -1 "$out/rss.txt") KiB at the end"
    [ ! -s "$out/wal.txt" ] ||
        echo "SQLite log (-wal) every 5 s (MB): $(awk '{printf "%.1f ", $1 / 1e6}' "$out/wal.txt")"
    audit_after=$("$bangfu" --db "$db" audit list --last 1 --json | python3 -c 'import json,sys; e=json.load(sys.stdin); print(e[0]["seq"] if e else 0)')
    echo "audit entries appended: $((audit_after - audit_before))"
}
[ "${BENCH_RUN:-person}" != person ] || run "authenticated read of one person (audited)" "/api/people/$ref" person
rate=${BENCH_RATE:-20000}
[ "${BENCH_RUN:-paced}" != paced ] || [ "$rate" = 0 ] ||
    run "authenticated read of one person (audited), paced" "/api/people/$ref" paced "$rate"
[ "${BENCH_RUN:-session}" != session ] || run "authenticated read of the session (not audited)" "/api/session" session
"$bangfu" --db "$db" audit verify
