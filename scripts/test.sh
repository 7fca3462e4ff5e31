#!/bin/sh
# Runs the whole suite: unit tests (cmocka), then every tests/cli/t*.sh on
# SQLite and on a real PostgreSQL server started on loopback for the run,
# then the policy cases; then the same again built with ASan and UBSan, and
# the fuzz harnesses replaying their kept corpora (tests/fuzz/corpus/<target>/).
#   scripts/test.sh            everything (what `make test` and CI run)
#   scripts/test.sh --quick    the normal build only, no sanitizer pass
#   scripts/test.sh --sanitized  the sanitizer pass only
#   scripts/test.sh NAME...    only the cli tests whose file name contains NAME
# The sanitizer pass runs each cli test on one engine (see sanitized_engine below);
# TEST_SANITIZE_ENGINES=both runs them on both.
# Jobs (one unit suite, one cli test on one engine, one directory of policy
# cases, one fuzz corpus) run TEST_JOBS at a time (default: the number of
# cores).  Each prints one line when it ends; the logs of the failed ones are
# shown at the end, before the final "N passed, N failed" line.  A passing
# job's work directory and PostgreSQL databases are removed as it ends, and
# tests/out itself when everything passed.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
out="$root/tests/out"

# run_job KIND BUILD [ARG...]: one job, run by xargs in a child of this script.
# Writes $out/results/ID.ok or ID.fail (holding the log's path) and prints one line.
run_job() {
    kind=$1
    build=$2
    shift 2
    export BANGFU="$root/$build/bangfu"
    start=$(date +%s)
    case "$kind" in
    unit)
        import_steps=${BANGFU_TEST_IMPORT_STEPS:-}
        [ "$build" != build-asan ] || import_steps=${import_steps:-150}
        id="unit.$build.$1"
        label="$1 ($build)"
        log="$out/logs/$id.log"
        if [ ! -x "$build/tests/$1" ]; then
            echo "not built: $build/tests/$1" >"$log"
            ok=0
        # Under the sanitizers test_import's randomized imports run 150 steps an engine (1,000
        # on SQLite and 200 on PostgreSQL in the normal pass): it was the pass's longest job.
        elif env ${import_steps:+BANGFU_TEST_IMPORT_STEPS=$import_steps} \
            "$build/tests/$1" >"$log" 2>&1; then
            ok=1
            label="$1 ($(grep -c '^\[       OK' "$log") cases, $build)"
        else
            ok=0
        fi
        ;;
    cli)
        engine=$1
        name=$2
        id="cli.$build.$engine.$name"
        label="$name ($engine, $build)"
        # TEMPLATE_SQLITE: the SQLite template for a test on PostgreSQL that compares with SQLite
        export ENGINE=$engine WORK="$out/work/$id" TEMPLATE_SQLITE="$out/template.sqlite"
        if [ "$engine" = sqlite ]; then
            export TEMPLATE_DB="$out/template.sqlite"
        else
            export TEMPLATE_DB=bangfu_template
        fi
        mkdir -p "$WORK"
        log="$WORK/log"
        ok=0
        ASAN_OPTIONS=${ASAN_OPTIONS_CLI:-${ASAN_OPTIONS:-}} sh "tests/cli/$name.sh" >"$log" 2>&1 && ok=1
        # lib.sh's new_db lists the PostgreSQL databases it made in $WORK/.databases.
        if [ -f "$WORK/.databases" ]; then
            while read -r database; do
                psql -q "${PG_ADMIN_URL_BASE}postgres" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" \
                    >/dev/null 2>&1 || true
            done <"$WORK/.databases"
        fi
        if [ "$ok" = 1 ]; then
            rm -rf "$WORK"
        else
            cp "$log" "$out/logs/$id.log"
            log="$out/logs/$id.log"
        fi
        ;;
    policy)
        id="policy.$build.$1"
        label="policy cases $1 ($build)"
        log="$out/logs/$id.log"
        ok=0
        ASAN_OPTIONS=${ASAN_OPTIONS_CLI:-${ASAN_OPTIONS:-}} \
            scripts/policy_cases.sh "$BANGFU" "tests/policy/$1/" >"$log" 2>&1 && ok=1
        label="$label: $(tail -1 "$log")"
        ;;
    fuzz)
        id="fuzz.$build.$1"
        label="fuzz_$1 ($build)"
        log="$out/logs/$id.log"
        # The live policy files are seeds of the policy harness too, not copies in the corpus.
        seeds=""
        [ "$1" = policy ] && seeds=policies/
        ok=0
        # shellcheck disable=SC2086
        "$build/fuzz/fuzz_$1" "tests/fuzz/corpus/$1/" $seeds >"$log" 2>&1 && ok=1
        [ "$ok" = 1 ] && label="$label: $(tail -1 "$log")"
        ;;
    template)
        id="template.$1"
        label="template database ($1)"
        log="$out/logs/$id.log"
        ok=0
        if [ "$1" = sqlite ]; then
            "$BANGFU" --db "$out/template.sqlite" init >"$log" 2>&1 && ok=1
        else
            psql -q "${PG_ADMIN_URL_BASE}postgres" -c "CREATE DATABASE bangfu_template" >"$log" 2>&1 &&
                "$BANGFU" --db "${PG_ADMIN_URL_BASE}bangfu_template" init >>"$log" 2>&1 && ok=1
        fi
        ;;
    *)
        echo "test.sh: unknown job kind $kind" >&2
        exit 2
        ;;
    esac
    seconds=$(($(date +%s) - start))
    # The CPU time of the job's commands (user + system of this shell's children; not the
    # PostgreSQL server's): a job much longer than its CPU time waits (on the disk, the server,
    # sleep), one close to it computes.
    # (times runs in this shell, not in a $( ) subshell, which has no children of its own)
    times >"$out/results/$id.times"
    cpu=$(awk 'NR == 2 { split($1, u, "m"); split($2, s, "m");
        printf "%.0f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$out/results/$id.times")
    rm -f "$out/results/$id.times"
    if [ "$ok" = 1 ]; then
        echo "$log" >"$out/results/$id.ok"
        echo "ok   $label ${seconds}s (cpu ${cpu}s)"
    else
        echo "$log" >"$out/results/$id.fail"
        echo "FAIL $label ${seconds}s (cpu ${cpu}s)"
    fi
}

if [ "${1:-}" = --job ]; then
    shift
    run_job "$@"
    exit 0
fi

quick=0
sanitized_only=0
filters=""
for a in "$@"; do
    case "$a" in
    --quick) quick=1 ;;
    --sanitized) sanitized_only=1 ;;
    *) filters="$filters $a" ;;
    esac
done
jobs=${TEST_JOBS:-$(nproc 2>/dev/null || echo 2)}

rm -rf "$out"
mkdir -p "$out/results" "$out/logs" "$out/work"

pg_started=0
cleanup() {
    [ "$pg_started" = 1 ] && scripts/pg_server.sh stop "$out/pg" >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM

# run_jobs: runs the job lines on stdin (KIND BUILD ARG...), $jobs at a time.
run_jobs() {
    xargs -L 1 -P "$jobs" sh scripts/test.sh --job || true
}

# The cli tests selected by the filters, longest first (they bound the run's length): those
# tests/cli/longest.txt names, in its order, then the others by the size of their file.
cli_tests() {
    for name in $({
        grep -v '^#' tests/cli/longest.txt 2>/dev/null || true
        ls -S tests/cli/t*.sh | sed 's|.*/||; s|\.sh$||'
    } | awk 'NF && !seen[$0]++'); do
        [ -f "tests/cli/$name.sh" ] || continue
        if [ -n "$filters" ]; then
            hit=0
            for f in $filters; do case "$name" in *"$f"*) hit=1 ;; esac; done
            [ "$hit" = 1 ] || continue
        fi
        echo "$name"
    done
}

# sanitized_engine NAME: the engine the sanitizer pass runs the cli test NAME on.  The normal
# pass runs every cli test on both engines; the sanitizer pass looks for memory errors and
# undefined behaviour, and all but the storage engines' code is the same C on both, so it runs
# each test once, half of them on each engine (by the name's checksum, so a test keeps its
# engine when others are added), and the storage unit test (test_store) on both.  That halves
# the pass, which otherwise took as long as the rest of the suite twice over.
# TEST_SANITIZE_ENGINES=both runs every test on both.
sanitized_engine() {
    if [ $(($(printf %s "$1" | cksum | cut -d' ' -f1) % 2)) = 0 ]; then
        echo postgresql
    else
        echo sqlite
    fi
}

# suite_jobs BUILD: the cli jobs of BUILD (the longest, so first), then its unit,
# policy (and fuzz) jobs, which fill the cores while the last cli tests end.
suite_jobs() {
    # The unit suites tests/cli/longest.txt names first, with the longest cli tests.
    long_units=$(grep '^test_' tests/cli/longest.txt 2>/dev/null || true)
    for name in $long_units; do
        [ -f "tests/unit/$name.c" ] && echo "unit $1 $name"
    done
    for name in $(cli_tests); do
        if [ "$1" = build-asan ] && [ "${TEST_SANITIZE_ENGINES:-one}" != both ]; then
            echo "cli $1 $(sanitized_engine "$name") $name"
            continue
        fi
        for engine in postgresql sqlite; do
            echo "cli $1 $engine $name"
        done
    done
    for source in tests/unit/test_*.c; do
        name=$(basename "$source" .c)
        printf '%s\n' "$long_units" | grep -qx "$name" || echo "unit $1 $name"
    done
    for dir in tests/policy/*/; do
        echo "policy $1 $(basename "$dir")"
    done
    if [ "$1" = build-asan ]; then
        for corpus in tests/fuzz/corpus/*/; do
            echo "fuzz $1 $(basename "$corpus")"
        done
    fi
}

# Debian's /usr/bin/psql, pg_dump and pg_restore are one Perl wrapper choosing a cluster's
# version: about 0.4 s a call on a loaded machine, against 0.1 s for the program itself, and
# the cli tests call psql thousands of times.  The newest server's programs come first.
pg_bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -n "$pg_bindir" ]; then
    PATH="$pg_bindir:$PATH"
    export PATH
fi
# The tests' python3 is the interpreter itself, started without the site module (-S): not a
# version manager's shim (pyenv's, a chain of bash scripts: 0.6 s a call on a loaded machine
# against 0.09 s), and not site's imports of the .pth files of its site-packages (40-60 ms of
# its 70-130 ms start here; the suite starts python3 about 2,000 times).  The tests use the
# standard library only.
python_bin=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null || true)
if [ -n "$python_bin" ]; then
    mkdir -p "$out/bin"
    printf '#!/bin/sh\nexec %s -S "$@"\n' "'$python_bin'" >"$out/bin/python3"
    chmod 755 "$out/bin/python3"
    PATH="$out/bin:$PATH"
    export PATH
fi

echo "== starting PostgreSQL on loopback"
# PG_ADMIN_URL_BASE: the server itself, for creating, copying and dropping databases;
# PG_URL_BASE: PgBouncer in front of it, for everything else (scripts/pg_server.sh says why).
PG_ADMIN_URL_BASE=$(scripts/pg_server.sh start "$out/pg")
pg_started=1
PG_URL_BASE=$PG_ADMIN_URL_BASE
[ "${TEST_PG_POOL:-1}" = 0 ] || PG_URL_BASE=$(scripts/pg_server.sh pool "$out/pg")
export PG_ADMIN_URL_BASE PG_URL_BASE
# PostgreSQL 15 copies a template database through the WAL by default: 0.9-1.3 s for the
# template's 109 MB (the national region table), against 0.2 s copying its files, and the cli
# tests make a database for every case.  The server runs with fsync off, so the checkpoint
# FILE_COPY needs costs little.
PG_CREATE_STRATEGY=""
if [ "$(psql -qAt "${PG_ADMIN_URL_BASE}postgres" -c "SHOW server_version_num")" -ge 150000 ]; then
    PG_CREATE_STRATEGY=" STRATEGY FILE_COPY"
fi
export PG_CREATE_STRATEGY
# the storage unit test (tests/unit/test_store.c) runs its PostgreSQL half on this server
export BANGFU_TEST_PG="$PG_URL_BASE"

echo "== build: unit tests, policy cases, cli tests on sqlite and postgresql ($jobs at a time)"
# The template databases first: the cli tests copy them.
printf 'template build sqlite\ntemplate build postgresql\n' | run_jobs
[ "$sanitized_only" = 1 ] || suite_jobs build | run_jobs
if [ "$quick" = 0 ]; then
    echo "== building with AddressSanitizer and UndefinedBehaviorSanitizer"
    if ! make -s -j"$jobs" SANITIZE=1 build-asan/bangfu unit fuzz-replay >"$out/logs/build-asan.log" 2>&1; then
        echo "$out/logs/build-asan.log" >"$out/results/build-asan.fail"
        echo "FAIL make SANITIZE=1"
    fi
    # A 32 MB quarantine instead of ASan's 256 MB: a PostgreSQL row read in single-row mode is a
    # result of its own, a few KB, and with the default quarantine each took fresh pages (an
    # import of 600 rows, which read 90,000 region codes that way, spent 9-13 s and 400 MB
    # faulting them in; 2-3 s and 90 MB with 32 MB).  A use after free is still caught while
    # the block is among the last 32 MB freed.
    # LeakSanitizer checks the unit tests, the fuzz replays, every `bangfu serve` of the cli tests
    # (tests/cli/web_lib.sh: a process that lives, where a leak grows) and the tests of error
    # paths that ask for it (t0920), through ASAN_OPTIONS_LEAKS; not the other cli commands and
    # the policy cases' calc, whose memory goes back at their exit: there its scan at exit was a
    # quarter of each command's CPU (t1000 on SQLite 21 -> 15 s, t1005 on PostgreSQL 25 -> 18 s).
    # TEST_LEAKS=all checks every command.
    asan_options=abort_on_error=0:quarantine_size_mb=32
    export ASAN_OPTIONS_LEAKS="detect_leaks=1:$asan_options" ASAN_OPTIONS_CLI="detect_leaks=0:$asan_options"
    [ "${TEST_LEAKS:-}" != all ] || ASAN_OPTIONS_CLI=$ASAN_OPTIONS_LEAKS
    export ASAN_OPTIONS="$ASAN_OPTIONS_LEAKS"
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    echo "== build-asan: the same and the fuzz corpora ($jobs at a time)"
    suite_jobs build-asan | run_jobs
fi

passes=$(find "$out/results" -name '*.ok' | wc -l)
failures=$(find "$out/results" -name '*.fail' | wc -l)
for result in $(find "$out/results" -name '*.fail' | sort); do
    echo "== FAIL $(basename "$result" .fail), the end of $(cat "$result"):"
    tail -30 "$(cat "$result")" | sed 's/^/    /'
done
echo "== $passes passed, $failures failed"
if [ "$failures" = 0 ]; then
    cleanup
    pg_started=0
    rm -rf "$out"
fi
[ "$failures" = 0 ]
