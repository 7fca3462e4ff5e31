#!/bin/sh
# bench/policy_bench.sh [PEOPLE] - the policy engine over PEOPLE generated
# people (default 1000000) x 12 months with every policy file, then three of
# its benefits as SQL on SQLite over the same people; timings, totals (which
# should agree) and peak memory of each.  Single thread.  Speed targets live
# here, never in tests: the issue asks for <= 10 s for the engine.
set -eu
cd "$(dirname "$0")/.."
people=${1:-1000000}
build=${BUILD:-build-bench}
make -s BUILD="$build" "$build/libbangfu.a" >/dev/null
cc -std=c11 -D_GNU_SOURCE -O2 -Isrc $(pkg-config --cflags sqlite3) -o "$build/policy_bench" \
    bench/policy_bench.c "$build/libbangfu.a" \
    $(pkg-config --libs sqlite3 jansson lua5.4 libpq libsodium 2>/dev/null) -lm
"$build/policy_bench" engine "$people" policies
"$build/policy_bench" sql "$people"
