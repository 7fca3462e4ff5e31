#!/bin/sh
# bench/policy_totals.sh OLD_REV [PEOPLE] - what a change of readings costs:
# the engine and policies/ of OLD_REV and of this tree, each on the same
# generated population (bench/policy_totals.c, default 1000000 people x 2020),
# and the totals per benefit side by side with their difference (yuan).
# Only benefits whose totals differ are listed.  EPIDEMIC_TO (a date) sets the
# window epidemic_period for both.
set -eu
cd "$(dirname "$0")/.."
if [ $# -lt 1 ]; then
    echo "usage: bench/policy_totals.sh OLD_REV [PEOPLE]" >&2
    exit 2
fi
old_rev=$1
people=${2:-1000000}
build=${BUILD:-build-bench}
libs="$(pkg-config --libs sqlite3 jansson lua5.4 libpq libsodium libzip expat 2>/dev/null) -lxlsxwriter -lz -lm"
old=$(mktemp -d)
trap 'rm -rf "$old"' EXIT
git archive "$old_rev" | tar -x -C "$old"
make -s BUILD="$build" "$build/libbangfu.a" >/dev/null
make -s -C "$old" BUILD=build "build/libbangfu.a" >/dev/null
cc -std=c11 -D_GNU_SOURCE -O2 -Isrc -o "$build/policy_totals" bench/policy_totals.c \
    "$build/libbangfu.a" $libs
# Before d231f16 a situation's parameter value was marked from_situation.
old_flags=
grep -q from_situation "$old/src/policy/policy_model.h" && old_flags=-DBENCH_FROM_SITUATION
cc -std=c11 -D_GNU_SOURCE -O2 $old_flags -I"$old/src" -o "$old/policy_totals" bench/policy_totals.c \
    "$old/build/libbangfu.a" $libs
"$old/policy_totals" "$people" "$old/policies" >"$old/old.tsv"
"$build/policy_totals" "$people" policies >"$old/new.tsv"
python3 - "$old/old.tsv" "$old/new.tsv" "$old_rev" <<'PY'
import sys
def read(path):
    return {l.split("\t")[0]: [int(x) for x in l.split("\t")[1:]] for l in open(path).read().splitlines()}
old, new, rev = read(sys.argv[1]), read(sys.argv[2]), sys.argv[3]
print("%-42s %10s %16s %10s %16s %9s %16s" % ("benefit", rev[:10], "yuan", "now", "yuan", "excluded", "difference"))
total = 0
for k in sorted(set(old) | set(new)):
    o, n = old.get(k, [0, 0, 0]), new.get(k, [0, 0, 0])
    if o == n:
        continue
    total += n[1] - o[1]
    print("%-42s %10d %16.2f %10d %16.2f %9d %16.2f" % (k, o[0], o[1] / 100, n[0], n[1] / 100, n[2], (n[1] - o[1]) / 100))
print("%-42s %99.2f" % ("total difference", total / 100))
PY
