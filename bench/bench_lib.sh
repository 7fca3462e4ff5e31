# bench/bench_lib.sh - sourced by the benchmark scripts (import_bench.sh, facts_bench.sh,
# ledger_bench.sh, ...).
#
# measure LABEL COMMAND...  runs COMMAND under GNU time, its output in
#   $out/LABEL.stdout and .stderr, and prints LABEL, wall seconds, rows/s (of
#   $rows), CPU seconds of the command (user + system) and of the PostgreSQL
#   server meanwhile, and the command's peak resident memory; sets $wall,
#   $cpu (the command's), $server and $total (command + server CPU).
# server_cpu  the CPU seconds the server of $pgdata has used so far, 0 when none runs.
# The caller sets $out (a directory) and $rows, and $pgdata once a server runs.
# On a loaded machine wall times swing with the other jobs; CPU times much less.

# The CPU seconds the PostgreSQL server has used so far (postmaster, its
# children and the children it has reaped), 0 before it runs.
server_cpu() {
    [ -n "${pgdata:-}" ] && [ -f "$pgdata/postmaster.pid" ] || { echo 0; return; }
    pm=$(head -1 "$pgdata/postmaster.pid")
    ticks=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat")
    for c in $(ps -o pid= --ppid "$pm"); do
        ticks=$((ticks + $(awk '{print $14 + $15}' "/proc/$c/stat" 2>/dev/null || echo 0)))
    done
    awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz }'
}

# Waits (at most 10 s) until the server has reaped the command's backends: their CPU is
# counted only then (0.3 s was too short on a loaded machine and lost all of it).
server_settle() {
    [ -n "${pgdata:-}" ] && [ -f "$pgdata/postmaster.pid" ] || return 0
    pm=$(head -1 "$pgdata/postmaster.pid")
    for _ in $(seq 100); do
        # a client's backend names its address and port; an exited one is <defunct> until reaped
        ps -o args= --ppid "$pm" | grep -q '([0-9]*)\|defunct' || return 0
        sleep 0.1
    done
}

measure() {
    label=$1
    shift
    # The last step's files written out first, untimed: the kernel's writeback of a gigabyte
    # of them (an SQLite database, a PostgreSQL table and its log) otherwise ran into the next
    # timed step and held up its writes (PostgreSQL re-import 6.6-8.8 s alone, 9.3-15.1 s
    # after the SQLite steps).  Between two real imports days go by.
    sync
    before=$(server_cpu)
    /usr/bin/time -f "%e %U %S %M" -o "$out/time.txt" "$@" >"$out/$label.stdout" 2>"$out/$label.stderr" ||
        { echo "$label failed:"; cat "$out/$label.stderr"; return 1; }
    server_settle
    after=$(server_cpu)
    read -r seconds user system kib <"$out/time.txt"
    rate=$(awk -v r="$rows" -v s="$seconds" 'BEGIN { printf "%.0f", (s > 0 ? r / s : 0) }')
    cpu=$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }')
    server=$(awk -v a="$before" -v b="$after" 'BEGIN { printf "%.2f", b - a }')
    printf '%-48s %7.2f s %8s rows/s  cpu %6.2f s + server %6.2f s %6d MiB\n' "$label" "$seconds" \
        "$rate" "$cpu" "$server" $((kib / 1024))
    wall=$seconds
    total=$(awk -v c="$cpu" -v s="$server" 'BEGIN { printf "%.2f", c + s }')
}

# facts_generate PEOPLE: sets $facts, the folder of `bangfu generate facts --count PEOPLE
#   --seed 42` (济宁市 and 万州区), made once and kept, and $template, an initialised SQLite
#   database the benchmarks copy.  The caller sets $bangfu.
facts_generate() {
    facts="$out/facts_$1"
    template="$out/template.sqlite"
    $bangfu --db "$template" init >/dev/null # creates it, or upgrades it to this build's schema
    if [ ! -s "$facts/insurance.csv" ]; then
        rows=$1
        measure "generate facts ($1 people)" $bangfu --db "$template" generate facts \
            --count "$1" --seed 42 --dir "$facts"
        cat "$out/generate facts ($1 people).stdout"
    fi
}

# parameters_set DB: every parameter the policy files declare, set at 37 and 50 as
#   bench/situation_gen.py sets them.
parameters_set() {
    python3 -c 'import sys; sys.path.insert(0, "bench"); import situation_gen as s
for name, unit in s.parameters(): print(name, unit)' >"$out/parameters.txt"
    while read -r name unit; do
        case $unit in
        window) range="--from 2020-01-24 --to 2020-06-30" ;;
        persons | months) range="--from 2019-01-01 --value 6" ;;
        *) range="--from 2019-01-01 --value 1730" ;;
        esac
        for region in 37 50; do
            # shellcheck disable=SC2086 # range is several words
            $bangfu --db "$1" param set "$name" --region "$region" $range --by bench >/dev/null
        done
    done <"$out/parameters.txt"
}

# pg_start NAME: a throwaway PostgreSQL server on loopback (scripts/pg_server.sh) in
#   $out/NAME, stopped when the script exits; sets $base (the URL ending in '/') and $pgdata.
# pg_database NAME: a new database of that server, initialised, its statistics taken now
#   (not by autovacuum during the first import); prints its URL.
pg_start() {
    pgdir="$out/$1"
    base=$(scripts/pg_server.sh start "$pgdir")
    pgdata=$(cat "$pgdir/datadir" 2>/dev/null || echo "$pgdir")/data
    trap 'scripts/pg_server.sh stop "$pgdir" >/dev/null 2>&1 || true' EXIT
}
pg_database() {
    psql -q "${base}postgres" -c "CREATE DATABASE $1" >/dev/null
    $bangfu --db "${base}$1" init >/dev/null
    psql -q "${base}$1" -c "VACUUM ANALYZE" >/dev/null
    echo "${base}$1"
}
