#!/bin/sh
# The main job of `make run`: initialise ./bangfu.db (or $BANGFU_DB), load the
# first time a demo of generated lists (people of 济宁市 and 万州区 with their
# organisations, spells, trainings, insurance, postings, carriers, projects,
# posts and the poverty office's list, each through its real `bangfu import`),
# and show what is there.
set -eu
cd "$(dirname "$0")/.."
db=${BANGFU_DB:-./bangfu.db}
./bangfu --db "$db" init
count=$(./bangfu --db "$db" status --json | sed -n 's/.*"people":\([0-9]*\).*/\1/p')
if [ "${count:-0}" = 0 ]; then
    demo=$(mktemp -d)
    trap 'rm -rf "$demo"' EXIT
    echo "run: generating a demo: 3000 people of 济宁市 (370800) and 万州区 (500101) with their records"
    counts=$(./bangfu --db "$db" generate facts --count 3000 --seed 2020 --dir "$demo")
    # The generator names its lists in the order they import (people and organisations first).
    for kind in $(printf '%s' "$counts" | tr -d '{}"' | tr ',' '\n' | cut -d: -f1); do
        printf 'run: import %-16s ' "$kind"
        ./bangfu --db "$db" import "$kind" "$demo/$kind.csv" --progress none
    done
fi
./bangfu --db "$db" status
