#!/bin/sh
# Runs the whole suite: unit tests (cmocka), then every tests/cli/t*.sh on
# SQLite and on a real PostgreSQL server started on loopback for the run,
# then the policy cases; then the same again built with ASan and UBSan, and
# the fuzz harnesses replaying their kept corpora (tests/fuzz/corpus/<target>/).
#   scripts/test.sh            everything (what `make test` and CI run)
#   scripts/test.sh --quick    the normal build only, no sanitizer pass
#   scripts/test.sh NAME...    only the cli tests whose file name contains NAME
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
quick=0
filters=""
for a in "$@"; do
    case "$a" in
    --quick) quick=1 ;;
    *) filters="$filters $a" ;;
    esac
done

out="$root/tests/out"
rm -rf "$out"
mkdir -p "$out"
failures=0
passes=0

pg_started=0
cleanup() {
    [ "$pg_started" = 1 ] && scripts/pg_server.sh stop "$out/pg" >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM

# run_suite BUILD_DIR: unit tests, cli tests on both engines, policy cases.
run_suite() {
    build=$1
    export BANGFU="$root/$build/bangfu"
    echo "== unit tests ($build)"
    for source in tests/unit/test_*.c; do
        t="$build/tests/$(basename "$source" .c)"
        if [ ! -x "$t" ]; then
            failures=$((failures + 1))
            echo "FAIL unit $(basename "$t") ($build): not built"
            continue
        fi
        if "$t" >"$out/$(basename "$t").$build.log" 2>&1; then
            passes=$((passes + 1))
            echo "ok   $(basename "$t") ($(grep -c '^\[       OK' "$out/$(basename "$t").$build.log") cases)"
        else
            failures=$((failures + 1))
            echo "FAIL unit $(basename "$t") ($build):"
            tail -20 "$out/$(basename "$t").$build.log"
        fi
    done
    for engine in sqlite postgresql; do
        export ENGINE=$engine
        if [ "$engine" = sqlite ]; then
            export TEMPLATE_DB="$out/template.sqlite"
            if [ ! -f "$TEMPLATE_DB" ]; then
                "$BANGFU" --db "$TEMPLATE_DB" init >/dev/null
            fi
        else
            export TEMPLATE_DB=bangfu_template
            if ! psql -qAt "${PG_URL_BASE}postgres" -c "SELECT 1 FROM pg_database WHERE datname='bangfu_template'" | grep -q 1; then
                psql -q "${PG_URL_BASE}postgres" -c "CREATE DATABASE bangfu_template" >/dev/null
                "$BANGFU" --db "${PG_URL_BASE}bangfu_template" init >/dev/null
            fi
        fi
        echo "== cli tests on $engine ($build)"
        for t in tests/cli/t*.sh; do
            name=$(basename "$t" .sh)
            if [ -n "$filters" ]; then
                hit=0
                for f in $filters; do case "$name" in *"$f"*) hit=1 ;; esac; done
                [ "$hit" = 1 ] || continue
            fi
            export WORK="$out/$build.$engine.$name"
            mkdir -p "$WORK"
            if sh "$t" >"$WORK/log" 2>&1; then
                passes=$((passes + 1))
                echo "ok   $name"
            else
                failures=$((failures + 1))
                echo "FAIL $name ($engine, $build):"
                tail -20 "$WORK/log" | sed 's/^/    /'
            fi
        done
    done
    if [ -x scripts/policy_cases.sh ]; then
        echo "== policy cases ($build)"
        if scripts/policy_cases.sh "$BANGFU" >"$out/policy.$build.log" 2>&1; then
            passes=$((passes + 1))
            tail -1 "$out/policy.$build.log"
        else
            failures=$((failures + 1))
            echo "FAIL policy cases ($build):"
            tail -30 "$out/policy.$build.log"
        fi
    fi
}

echo "== starting PostgreSQL on loopback"
PG_URL_BASE=$(scripts/pg_server.sh start "$out/pg")
pg_started=1
export PG_URL_BASE
# the storage unit test (tests/unit/test_store.c) runs its PostgreSQL half on this server
export BANGFU_TEST_PG="$PG_URL_BASE"

run_suite build
if [ "$quick" = 0 ]; then
    echo "== building with AddressSanitizer and UndefinedBehaviorSanitizer"
    make -s SANITIZE=1 build-asan/bangfu unit fuzz-replay >/dev/null
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    run_suite build-asan
    echo "== fuzz corpora (build-asan)"
    for corpus in tests/fuzz/corpus/*/; do
        name=$(basename "$corpus")
        # The live policy files are seeds of the policy harness too, not copies in the corpus.
        seeds=""
        [ "$name" = policy ] && seeds=policies/
        if build-asan/fuzz/fuzz_"$name" "$corpus" $seeds >"$out/fuzz_$name.log" 2>&1; then
            passes=$((passes + 1))
            echo "ok   fuzz_$name ($(tail -1 "$out/fuzz_$name.log"))"
        else
            failures=$((failures + 1))
            echo "FAIL fuzz_$name (build-asan):"
            tail -20 "$out/fuzz_$name.log"
        fi
    done
fi

echo "== $passes passed, $failures failed"
[ "$failures" = 0 ]
