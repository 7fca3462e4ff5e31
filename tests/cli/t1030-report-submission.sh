#!/bin/sh
# bangfu report submit|return|submissions|frozen (issue 16 item 8): a county submits its
# quarterly 附件1 to the city as a frozen copy with who and when, on time or late by the due
# day of the report { } (the 15th of the quarter's last month); the city sees which counties
# have submitted and the rate; a submission is sent back with a reason and submitted again;
# the checks refuse a table whose 当年累计 falls below an earlier quarter's.
. "$(dirname "$0")/lib.sh"
db=$(new_db)
. "$(dirname "$0")/report_data.sh"
report_data_load

out=$(bf --db "$db" report submit --region 370811 --quarter 2023Q2 --submitter 张三 --on 2023-06-15)
expect_eq "$out" "已报送 370811000000 2023Q2 附件1 第 1 版（应报日期 2023-06-15，按时）" "Q2 on time"
out=$(bf --db "$db" report submit --region 370811 --quarter 2023Q3 --submitter 张三 --on 2023-09-14)
expect_eq "$out" "已报送 370811000000 2023Q3 附件1 第 1 版（应报日期 2023-09-15，按时）" "Q3 on time"
bf --db "$db" report submit --region 370811 --quarter 2023Q3 --submitter 张三 2>err.txt && fail "submitted twice"
expect_contains "$(cat err.txt)" "已报送（第 1 版），退回后才能再报" "one standing submission"

list=$(bf --db "$db" report submissions --region 3708 --quarter 2023Q3 --on 2023-09-20 | tr -d '\r')
expect_eq "$(printf '%s\n' "$list" | sed -n '3,4p')" "370811000000,任城区,已报送,1,张三,2023-09-14,2023-09-15,按时,
370812000000,兖州区,未报送,,,,2023-09-15,逾期未报," "the city's list"
expect_eq "$(printf '%s\n' "$list" | tail -1)" "报送率：1 / 12" "completeness"

# The frozen copy keeps the table as submitted, whatever is stored later.
frozen=$(bf --db "$db" report frozen --region 370811 --quarter 2023Q3)
expect_eq "$(printf '%s' "$frozen" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["submitted_by"], d["submitted_on"], ",".join(d["rows"][0]))')" \
    "张三 2023-09-14 任城区,1,1,1,1,1,2,2,1,1,1,1,1" "the frozen copy"

# Sent back with a reason, then submitted again, late.
bf --db "$db" report return --region 370811 --quarter 2023Q3 --reviewer 李四 2>err.txt && fail "return without a reason"
bf --db "$db" report return --region 370811 --quarter 2023Q3 --reason 培训人数待核实 --reviewer 李四
list=$(bf --db "$db" report submissions --region 3708 --quarter 2023Q3 | tr -d '\r' | sed -n 3p)
expect_eq "$list" "370811000000,任城区,已退回,1,张三,2023-09-14,2023-09-15,按时,培训人数待核实" "sent back"
bf --db "$db" report return --region 370811 --quarter 2023Q3 --reason 再退 2>err.txt && fail "returned twice"
expect_contains "$(cat err.txt)" "没有待审的" "nothing to send back"

# A fall of 当年累计 below the standing Q2 submission is refused: 甲一 is no longer 脱贫人口.
sed -i "s/^甲一,$P1,370811002001,脱贫人口/甲一,$P1,370811002001,农民工/" r_people.csv
bf --db "$db" import people r_people.csv >/dev/null
bf --db "$db" report submit --region 370811 --quarter 2023Q3 --on 2023-09-16 2>err.txt && fail "a fall submitted"
expect_contains "$(cat err.txt)" "“就业帮扶车间个数 / 吸纳脱贫人口数”：当年累计 1 低于上一季度报送的 2" "the cumulative check"
sed -i "s/^甲一,$P1,370811002001,农民工/甲一,$P1,370811002001,脱贫人口/" r_people.csv
bf --db "$db" import people r_people.csv >/dev/null
out=$(bf --db "$db" report submit --region 370811 --quarter 2023Q3 --submitter 张三 --on 2023-09-16)
expect_eq "$out" "已报送 370811000000 2023Q3 附件1 第 2 版（应报日期 2023-09-15，逾期）" "resubmitted late"
expect_eq "$(sql "SELECT version || '|' || state FROM report_submissions WHERE period = '2023Q3' ORDER BY version")" \
    "1|returned
2|submitted" "both versions kept"
