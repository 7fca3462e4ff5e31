# bench/bench_lib.sh - sourced by the benchmark scripts (import_bench.sh, facts_bench.sh).
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

measure() {
    label=$1
    shift
    before=$(server_cpu)
    /usr/bin/time -f "%e %U %S %M" -o "$out/time.txt" "$@" >"$out/$label.stdout" 2>"$out/$label.stderr" ||
        { echo "$label failed:"; cat "$out/$label.stderr"; return 1; }
    sleep 0.3 # the server reaps the session's backend
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
