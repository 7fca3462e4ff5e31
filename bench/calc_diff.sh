#!/bin/sh
# bench/calc_diff.sh OLD_BANGFU [PEOPLE ...] - the outputs of two builds of
# `bangfu calc` compared byte for byte: stdout, stderr and exit status of OLD_BANGFU
# and ./bangfu on every policy case's situation (tests/policy/**/*.json, as
# written by scripts/policy_cases.py) plain and with --explain=full, and plain,
# --explain and --explain=full (compared by checksum) on the generated bench
# situations of PEOPLE people (default 10000 100000, kept in $BENCH_DIR like
# calc_bench.sh's).  For a change that must not change what calc says (a new
# parser, a faster writer).  Prints one line per difference and a summary;
# exits 1 when anything differs.
# BANGFU=build-x/bangfu compares another build than ./bangfu with OLD_BANGFU.
# OLD_FULL=--explain: OLD_BANGFU is from before --explain=full (before 82ff49e),
# when --explain wrote the full records; its short form is then not compared.
set -eu
[ $# -ge 1 ] || { echo "usage: bench/calc_diff.sh OLD_BANGFU [PEOPLE ...]" >&2; exit 2; }
old=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
cd "$(dirname "$0")/.."
dir=${BENCH_DIR:-/tmp/bangfu-bench}
mkdir -p "$dir"
new=${BANGFU:-./bangfu}
[ -n "${BANGFU:-}" ] || make -s all >/dev/null
[ $# -gt 0 ] || set -- 10000 100000
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import json, pathlib, sys
work = pathlib.Path(sys.argv[1])
for n, case in enumerate(sorted(pathlib.Path("tests/policy").rglob("*.json"))):
    c = json.loads(case.read_text(encoding="utf-8"))
    if "situation" in c:
        (work / ("case%04d.json" % n)).write_text(json.dumps(c["situation"], ensure_ascii=False), encoding="utf-8")
PY
compared=0 differ=0
old_full=${OLD_FULL:---explain=full}
run() { # binary file flag -> "status checksum-of-stdout checksum-of-stderr"
    "$1" calc "$2" $3 --policies policies >"$work/out" 2>"$work/err" && s=0 || s=$?
    echo "$s $(md5sum <"$work/out" | cut -c1-32) $(md5sum <"$work/err" | cut -c1-32)"
}
check() { # file new-flag [old-flag]
    a=$(run "$old" "$1" "${3-$2}") b=$(run "$new" "$1" "$2")
    compared=$((compared + 1))
    if [ "$a" != "$b" ]; then
        differ=$((differ + 1))
        echo "differs: $1 $2 (old: $a, new: $b)"
    fi
}
modes() { # file: plain, full records, and the short form when both builds have it
    check "$1" ""
    check "$1" --explain=full "$old_full"
    [ "$old_full" != --explain=full ] || check "$1" --explain
}
for f in "$work"/case*.json; do modes "$f"; done
for people in "$@"; do
    file="$dir/situation_$people.json"
    [ -s "$file" ] || python3 bench/situation_gen.py "$people" >"$file"
    modes "$file"
done
echo "calc_diff: $compared runs compared, $differ differ"
[ "$differ" -eq 0 ]
