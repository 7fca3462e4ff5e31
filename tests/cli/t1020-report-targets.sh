#!/bin/sh
# bangfu report targets (issue 16 item 3): every target { } with its progress from the stored
# records of the small county (tests/cli/report_data.sh) and three more people, the gap and
# the linear pace, by region and by month; the expected numbers written by hand.  Pace at
# 2023-09-30: 273 of 365 days (the 2023 targets), 1003 of 1826 days (十四五, 2021-2025).
. "$(dirname "$0")/lib.sh"
db=$(new_db)
. "$(dirname "$0")/report_data.sh"
report_data_load
Q1=$(id 370811 19900101 1) # 脱贫人口 of 任城 working in 济南 (历下区): 外出务工
Q2=$(id 500101 19900101 2) # 脱贫人口 of 万州 at W1: 中西部 and 重庆 into 山东
Q3=$(id 620102 19900101 3) # 农民工 of 兰州 on the road: 甘肃 into 山东, not 脱贫人口
E2=$(code 370102 9)
printf '统一社会信用代码,单位名称,单位类型,所在地区划代码\n%s,历下企业,企业,370102\n' "$E2" >q_orgs.csv
printf '姓名,证件号码,户籍地区划代码,帮扶类别\n丙一,%s,370811002001,脱贫人口\n丙二,%s,500101,脱贫人口\n丙三,%s,620102,农民工\n' "$Q1" "$Q2" "$Q3" >q_people.csv
cat >q_jobs.csv <<CSV
证件号码,单位统一社会信用代码,工作地区划代码,就业形式,开始日期,结束日期
$Q1,$E2,370102,企业就业,2023-05-01,
$Q2,$W1,370811002001,车间就业,2023-08-01,
$Q3,$E1,370811018001,企业就业,2023-02-01,2023-04-30
CSV
for kind in orgs people jobs; do bf --db "$db" import "$kind" "q_$kind.csv" >/dev/null; done

out=$(bf --db "$db" report targets --month 2023-09 | tr -d '\r')
expect_eq "$(printf '%s\n' "$out" | grep '^sd2023' | cut -d, -f1,4-12)" \
'sd2023.outflow_scale,370000000000 山东省,2023-09,不少于,406000,人,1,405999,303666,否
sd2023.central_western_inflow,370000000000 山东省,2023-09,不少于,208000,人,1,207999,155573,否
sd2023.relocation_site_employment,370000000000 山东省,2023-09,不少于,1500,人,1,1499,1122,否
sd2023.chongqing_gansu_employment,370000000000 山东省,2023-09,不少于,16000,人,2,15998,11968,否
sd2023.chongqing_gansu_poverty_employment,370000000000 山东省,2023-09,不少于,10000,人,1,9999,7480,否
sd2023.rural_public_welfare_posts,370000000000 山东省,2023-09,左右,1400000,个,2,1399998,769004,否' "the 2023 targets at 2023-09"
expect_eq "$(printf '%s\n' "$out" | grep '^shandong41.expert_teams' | cut -d, -f4-)" \
    "370000000000 山东省,2020-12,不少于,60,个,,,,,无登记来源（未统计）" "a target no record measures"
expect_eq "$(printf '%s\n' "$out" | grep -c '^jinan2018\|^jining47\|^shandong41\|^shanxi127\|^sd2023')" 18 "every target"

# By region: the county's townships; the value, gap and pace belong to the target's region.
out=$(bf --db "$db" report targets --region 370811 --by region --month 2023-09 | tr -d '\r')
expect_eq "$(printf '%s\n' "$out" | grep '^sd2023.rural_public_welfare_posts' | grep -v ',0,,,,' | cut -d, -f4,7,9-12)" \
'370811000000 任城区,,2,,,
370811002000 许庄街道,,1,,,
370811005000 李营街道,,1,,,' "posts by township"

# By month: the relocated worker counts from July (her spell's first month).
out=$(bf --db "$db" report targets --by month --month 2023-09 | tr -d '\r')
expect_eq "$(printf '%s\n' "$out" | grep '^sd2023.relocation_site_employment' | cut -d, -f5,9 | tr '\n' ' ')" \
    "2023-01,0 2023-02,0 2023-03,0 2023-04,0 2023-05,0 2023-06,0 2023-07,1 2023-08,1 2023-09,1 " "by month"
expect_eq "$(printf '%s\n' "$out" | grep '^sd2023.outflow_scale' | cut -d, -f5,9,11 | sed -n '4p;5p')" \
    "2023-04,0,133480
2023-05,1,167962" "outflow from May, pace by month"

# The 1.6万 counts the people of 重庆 and 甘肃 at their hukou: outside 山东, a row 区划外 that the
# rows sum with; the 20.8万 counts 万州's 脱贫人口 at her work place in 任城区 (济宁市).
out=$(bf --db "$db" report targets --by region --month 2023-09 | tr -d '\r')
expect_eq "$(printf '%s\n' "$out" | grep '^sd2023.chongqing_gansu_employment,' | grep -v ',0,,,,' | cut -d, -f4,9)" \
'370000000000 山东省,2
区划外,2' "1.6万: at the hukou, outside"
expect_eq "$(printf '%s\n' "$out" | grep '^sd2023.central_western_inflow,' | grep -v ',0,,,,' | cut -d, -f4,9)" \
'370000000000 山东省,1
370800000000 济宁市,1' "20.8万: at the work place"

# --as-of: the records stored by then (not the last import, the spells of Q1-Q3).
sql "UPDATE batches SET started_at = '2023-09-01T02:00:00Z' WHERE id NOT IN (SELECT MAX(id) FROM batches)" >/dev/null
out=$(bf --db "$db" report targets --as-of 2023-09-30 --format json)
expect_eq "$(printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print([r[8] for r in d["rows"] if r[0] == "sd2023.outflow_scale"][0], len(d["rows"]))')" "0 18" "as of 2023-09-30"
