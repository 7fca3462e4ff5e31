#!/bin/sh
# The same list as UTF-8 with BOM, GB18030 and English headers: all read alike;
# a lowercase x in an ID number is stored as X.
. "$(dirname "$0")/lib.sh"
data="$(cd "$(dirname "$0")/../data" && pwd)"

db=$(new_db)
printf '\357\273\277' >"$WORK/bom.csv"
cat "$data/people_basic.csv" >>"$WORK/bom.csv"
out=$(bf --db "$db" import people "$WORK/bom.csv")
expect_eq "$out" '{"rows":5,"inserted":5,"updated":0,"unchanged":0,"rejected":0}' "UTF-8 BOM"
expect_eq "$(json_get "$(bf --db "$db" person show 37081119800101001X --json)" name)" "张伟" "BOM: first column read"

db=$(new_db)
iconv -f UTF-8 -t GB18030 "$data/people_basic.csv" >"$WORK/gb.csv"
out=$(bf --db "$db" import people "$WORK/gb.csv")
expect_eq "$out" '{"rows":5,"inserted":5,"updated":0,"unchanged":0,"rejected":0}' "GB18030"
show=$(bf --db "$db" person show 37081119800101001X --json)
expect_eq "$(json_get "$show" name)" "张伟" "GB18030 name"
expect_eq "$(json_get "$show" id_number)" "37081119800101001X" "lowercase x stored as X"
expect_eq "$(json_get "$show" categories)" '["建档立卡贫困人口", "脱贫享受政策人口"]' "GB18030 categories, canonical order"
# The UTF-8 file holds the same rows: nothing changes.
cp "$data/people_basic.csv" "$WORK/utf8.csv"
out=$(bf --db "$db" import people "$WORK/utf8.csv")
expect_eq "$out" '{"rows":5,"inserted":0,"updated":0,"unchanged":5,"rejected":0}' "UTF-8 after GB18030"

# English aliases, columns in another order, fewer columns.
db=$(new_db)
printf 'id_number,category,name,hukou_region,sex\n370811198512310022,建档立卡贫困人口,李秀英,370811,F\n' >"$WORK/en.csv"
out=$(bf --db "$db" import people "$WORK/en.csv")
expect_eq "$out" '{"rows":1,"inserted":1,"updated":0,"unchanged":0,"rejected":0}' "English headers"
show=$(bf --db "$db" person show 370811198512310022 --json)
expect_eq "$(json_get "$show" sex)" "女" "sex derived from the ID"
expect_eq "$(json_get "$show" birth_date)" "1985-12-31" "birth date derived from the ID"
expect_eq "$(json_get "$show" hukou_region)" "370811000000" "region stored as 12 digits"
echo ok
