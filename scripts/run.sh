#!/bin/sh
# The main job of `make run`: initialise ./bangfu.db (or $BANGFU_DB), load a
# demo county of generated people the first time, and show what is there.
# (The HTTP server arrives in a later issue; until then the summary is the job.)
set -eu
cd "$(dirname "$0")/.."
db=${BANGFU_DB:-./bangfu.db}
./bangfu --db "$db" init
count=$(./bangfu --db "$db" status --json | sed -n 's/.*"people":\([0-9]*\).*/\1/p')
if [ "${count:-0}" = 0 ]; then
    demo=$(mktemp -d)/demo_370811.csv
    echo "run: generating a demo county: 3000 people of 任城区 (370811)"
    ./bangfu --db "$db" generate people --count 3000 --seed 2020 --region 370811 --out "$demo"
    ./bangfu --db "$db" import people "$demo"
    rm -f "$demo"
fi
./bangfu --db "$db" status
