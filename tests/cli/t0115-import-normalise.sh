#!/bin/sh
# What clerks type is normalised before it is checked, and stored in one form:
# full-width digits and letters in ID numbers and codes, blanks, dashes and
# parentheses in phone numbers.  Names and codes a spreadsheet would run as a
# formula are refused with the reason.
. "$(dirname "$0")/lib.sh"
db=$(new_db)
cat >"$WORK/typed.csv" <<'CSV'
姓名,证件号码,户籍地区划代码,帮扶类别,联系电话,户编号
张伟,３７０８１１１９８００１０１００１ｘ,３７０８１１,建档立卡贫困人口,138 5371 2345,Ｈ３７０８１１０００１
李秀英,370811198512310022,370811,建档立卡贫困人口,（０５３７）１２３４５６７,H3708110001
王强,370811200002290033,370811,建档立卡贫困人口,+86 537-1234567-801,H3708110002
=cmd|' /C calc'!A0,500101199006150044,500101,即时帮扶人口,,
刘洋,500101197503100057,500101,即时帮扶人口,,@SUM(1+1)
陈静,500101200101010088,500101,即时帮扶人口,138 5371 234,
CSV
out=$(bf --db "$db" import people "$WORK/typed.csv" 2>/dev/null)
expect_eq "$out" '{"rows":6,"inserted":3,"updated":0,"unchanged":0,"rejected":3}' "counts"
show=$(bf --db "$db" person show 37081119800101001X --json)
expect_eq "$(json_get "$show" id_number)" "37081119800101001X" "full-width ID number folded"
expect_eq "$(json_get "$show" hukou_region)" "370811000000" "full-width region code folded"
expect_eq "$(json_get "$show" phone)" "13853712345" "mobile stored as its 11 digits"
expect_eq "$(json_get "$show" household_id)" "H3708110001" "full-width household code folded"
expect_eq "$(json_get "$(bf --db "$db" person show 370811198512310022 --json)" phone)" "0537-1234567" "landline in its one form"
expect_eq "$(json_get "$(bf --db "$db" person show 370811200002290033 --json)" phone)" "0537-1234567-801" "+86 landline with extension"
errors=$(cat "$WORK/typed.csv.errors.csv")
expect_contains "$errors" "姓名：“=cmd|' /C calc'!A0”以 = + - @ 开头，表格软件会当作公式执行" "formula name refused"
expect_contains "$errors" "户编号：“@SUM(1+1)”以 = + - @ 开头" "formula code refused"
expect_contains "$errors" "联系电话：格式不正确（138 5371 234）" "short mobile refused"

# The same people typed the other way change nothing.
cat >"$WORK/again.csv" <<'CSV'
姓名,证件号码,户籍地区划代码,帮扶类别,联系电话,户编号
张伟,37081119800101001X,370811000000,建档立卡贫困人口,13853712345,H3708110001
李秀英,370811198512310022,370811,建档立卡贫困人口,0537 1234567,H3708110001
CSV
out=$(bf --db "$db" import people "$WORK/again.csv")
expect_eq "$out" '{"rows":2,"inserted":0,"updated":0,"unchanged":2,"rejected":0}' "canonical forms compare equal"
echo ok
