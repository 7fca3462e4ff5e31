#!/bin/sh
# The main job of `make run`: initialise ./bangfu.db (or $BANGFU_DB), load the
# first time a demo of generated lists (people of 济宁市 and 万州区 with their
# organisations, spells, trainings, insurance, postings, carriers, projects,
# posts, the poverty office's list, job fairs and 点对点 outflow, each through its
# real `bangfu import`),
# show what is there, add the demo accounts, and start the web application
# (bangfu serve) on loopback.  BANGFU_LISTEN picks another address
# (default 127.0.0.1:8080).
set -eu
cd "$(dirname "$0")/.."
db=${BANGFU_DB:-./bangfu.db}
listen=${BANGFU_LISTEN:-127.0.0.1:8080}
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
    rm -rf "$demo"
    trap - EXIT
fi
./bangfu --db "$db" status

# Demo accounts (login, region, roles, password): for trying it out only.
accounts="demo-admin 370800 系统管理员 Jining-Admin-2024
demo-clerk 370800 经办员,审核员 Jining-Clerk-2024
demo-viewer 370811 查看员 Rencheng-View-2024"
existing=$(./bangfu --db "$db" user list | cut -f1)
echo "$accounts" | while read -r login region roles password; do
    if ! echo "$existing" | grep -qx "$login"; then
        echo "$password" | ./bangfu --db "$db" user add "$login" --name "演示 $login" \
            --region "$region" --roles "$roles"
    fi
done
echo
echo "run: the web application: http://$listen/ (Ctrl-C stops it)"
echo "run: demo accounts (济宁市 370800; the viewer sees 任城区 370811 only):"
echo "$accounts" | while read -r login region roles password; do
    printf '       %-12s %-13s %-16s password %s\n' "$login" "$region" "$roles" "$password"
done
exec ./bangfu --db "$db" serve --listen "$listen"
