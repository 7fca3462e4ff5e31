#!/bin/sh
# Importing known people updates them field by field with history; absent
# columns and empty cells keep what is stored, （清空） (or --clear-empty)
# clears with history; re-importing changes nothing.
. "$(dirname "$0")/lib.sh"
data="$(cd "$(dirname "$0")/../data" && pwd)"
db=$(new_db)
cp "$data/people_basic.csv" "$data/people_update.csv" "$WORK/"
bf --db "$db" import people "$WORK/people_basic.csv" >/dev/null
out=$(bf --db "$db" import people "$WORK/people_basic.csv")
expect_eq "$out" '{"rows":5,"inserted":0,"updated":0,"unchanged":5,"rejected":0}' "idempotent re-import"

out=$(bf --db "$db" import people "$WORK/people_update.csv")
expect_eq "$out" '{"rows":3,"inserted":0,"updated":1,"unchanged":2,"rejected":0}' "update counts"
show=$(bf --db "$db" person show 37081119800101001X --json)
expect_eq "$(json_get "$show" phone)" "13853700009" "phone updated"
expect_eq "$(json_get "$show" skills)" "电焊" "empty skills cell keeps the field"
expect_eq "$(json_get "$show" household_id)" "H3708110001" "absent column left untouched"
expect_eq "$(json_get "$show" employment_status)" "已就业" "absent column left untouched"
history=$(printf '%s' "$show" | python3 -c '
import json, sys
v = json.load(sys.stdin)
for h in v["history"]:
    print("%s|%s|%s|%s" % (h["field"], h["old_value"], h["new_value"], h["source"].rsplit("/", 1)[-1]))
assert all(h["changed_at"] for h in v["history"])
assert v["created"]["source"].endswith("people_basic.csv")
assert v["updated"]["source"].endswith("people_update.csv")
')
expect_eq "$history" "categories|建档立卡贫困人口；脱贫享受政策人口|建档立卡贫困人口|people_update.csv
phone|13853700001|13853700009|people_update.csv" "history entries"
# The unchanged people got no history.
expect_eq "$(json_get "$(bf --db "$db" person show 370811198512310022 --json)" history)" "[]" "no history when unchanged"

out=$(bf --db "$db" import people "$WORK/people_update.csv")
expect_eq "$out" '{"rows":3,"inserted":0,"updated":0,"unchanged":3,"rejected":0}' "update re-imported"

# Back to the first values: a second history entry per field.
out=$(bf --db "$db" import people "$WORK/people_basic.csv")
expect_eq "$out" '{"rows":5,"inserted":0,"updated":1,"unchanged":4,"rejected":0}' "revert counts"
n=$(bf --db "$db" person show 37081119800101001X --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["history"]))')
expect_eq "$n" 4 "history after revert"

# A rejected row changes nothing of the known person.
printf '姓名,证件号码,户籍地区划代码,帮扶类别,联系电话\n张伟,37081119800101001X,370811,建档立卡贫困人口,12345\n' >"$WORK/bad.csv"
out=$(bf --db "$db" import people "$WORK/bad.csv")
expect_eq "$out" '{"rows":1,"inserted":0,"updated":0,"unchanged":0,"rejected":1}' "rejected update"
expect_eq "$(json_get "$(bf --db "$db" person show 37081119800101001X --json)" phone)" "13853700001" "phone kept"

# Clearing is explicit: the marker （清空） (or (清空)), with history; a required field refuses it.
printf '姓名,证件号码,户籍地区划代码,帮扶类别,技能,就业困难,户编号\n张伟,37081119800101001X,370811,（清空）,（清空）,,\n张伟,37081119800101001X,370811,脱贫享受政策人口；建档立卡贫困人口,（清空）,(清空),\n' >"$WORK/clear.csv"
out=$(bf --db "$db" import people "$WORK/clear.csv" 2>/dev/null)
expect_eq "$out" '{"rows":2,"inserted":0,"updated":0,"unchanged":0,"rejected":2}' "clear marker in a required field"
expect_contains "$(cat "$WORK/clear.csv.errors.csv")" "帮扶类别：必填，不能清空" "required field cannot be cleared"
printf '姓名,证件号码,户籍地区划代码,帮扶类别,技能,就业困难,户编号\n张伟,37081119800101001X,370811,脱贫享受政策人口；建档立卡贫困人口,（清空）,,\n' >"$WORK/clear.csv"
out=$(bf --db "$db" import people "$WORK/clear.csv")
expect_eq "$out" '{"rows":1,"inserted":0,"updated":1,"unchanged":0,"rejected":0}' "clear marker"
show=$(bf --db "$db" person show 37081119800101001X --json)
expect_eq "$(json_get "$show" skills)" "null" "（清空） clears"
expect_eq "$(json_get "$show" household_id)" "H3708110001" "empty cell keeps"
expect_contains "$(printf '%s' "$show" | python3 -c 'import json,sys; print([h["field"]+":"+str(h["old_value"])+">"+str(h["new_value"]) for h in json.load(sys.stdin)["history"]])')" "skills:电焊>None" "clearing written to history"
# --clear-empty: every empty cell of a present column clears; absent columns still keep.
printf '姓名,证件号码,户籍地区划代码,帮扶类别,户编号\n张伟,37081119800101001X,370811,脱贫享受政策人口；建档立卡贫困人口,\n' >"$WORK/clear.csv"
out=$(bf --db "$db" import people "$WORK/clear.csv" --clear-empty)
expect_eq "$out" '{"rows":1,"inserted":0,"updated":1,"unchanged":0,"rejected":0}' "--clear-empty"
show=$(bf --db "$db" person show 37081119800101001X --json)
expect_eq "$(json_get "$show" household_id)" "null" "--clear-empty clears the empty cell's field"
expect_eq "$(json_get "$show" phone)" "13853700001" "--clear-empty keeps absent columns"
echo ok
