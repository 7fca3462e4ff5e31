#!/bin/sh
# bangfu monitor (issue 16 item 4; 2023 notice 三(二)): monthly snapshots of the employment of
# 脱贫人口 by where they work against their hukou (县内, 省内县外, 省外) and their average income,
# stored so that a past month reads the same after the facts change; month-on-month and
# year-on-year change by region; alerts on a fall of the scale beyond the threshold or any fall
# of the income, with the people who left work.  Expected tables computed by hand.
. "$(dirname "$0")/lib.sh"
here="$(cd "$(dirname "$0")" && pwd)"
db=$(new_db)
cd "$WORK"
. "$here/monitor_people.sh"
bf --db "$db" import people people.csv >/dev/null
bf --db "$db" import orgs orgs.csv >/dev/null
A=$(id_of 张一) B=$(id_of 李二) C=$(id_of 王三) D=$(id_of 陈四) E=$(id_of 刘五)
# 张一 works in his county; 李二 out of the province until 2020-12-31; 王三 farms at home, then
# works in 济南 (in the province) from 2021-01 (the spell started last counts); 陈四 is no
# 脱贫人口 (农民工): never counted; 刘五 works at home in 万州.
cat >jobs.csv <<CSV
证件号码,单位统一社会信用代码,工作地区划代码,就业形式,开始日期,结束日期,月收入（元）
$A,91370811MA3C00011L,370811,企业就业,2020-03-01,,2500
$B,91370811MA3C00011L,320102,企业就业,2020-03-01,2020-12-31,3200.50
$C,,370811,务农,2020-04-01,,
$C,91370811MA3C00011L,370102,企业就业,2021-01-01,,4000
$D,91370811MA3C00011L,370811,企业就业,2020-03-01,,5000
$E,,500101,self_employed,2020-06-01,,1500
CSV
expect_eq "$(bf --db "$db" import jobs jobs.csv | cut -c1-30)" '{"rows":6,"inserted":6,"update' "jobs"

for m in 2020-01 2020-12 2021-01; do
    out=$(bf --db "$db" monitor snapshot --month $m)
    expect_contains "$out" "\"month\":\"$m\"" "snapshot $m"
    expect_contains "$out" '"taken":1' "snapshot $m taken"
done
expect_eq "$(sql "SELECT month || ':' || workers FROM monitor_snapshots ORDER BY month" | tr '\n' ' ')" \
    "2020-01:0 2020-12:4 2021-01:3 " "workers per month (陈四 never)"
expect_eq "$(sql "SELECT id_number || '|' || scope || '|' || work_region || '|' || COALESCE(CAST(monthly_income AS TEXT), '-') FROM monitor_workers WHERE month = '2021-01' ORDER BY id_number")" \
"$A|local|370811000000|250000
$C|province|370102000000|400000
$E|local|500101000000|150000" "the spell started last, its scope and income"

show_all=$(bf --db "$db" monitor show --month 2021-01 | tr -d '\r')
expect_eq "$show_all" \
"区划代码,区划名称,月份,务工人数,县内务工,省内县外务工,省外务工,月均收入（元）,上月务工人数,环比（%）,上年同月务工人数,同比（%）,上月月均收入（元）,收入环比（%）,上年同月月均收入（元）,收入同比（%）
,全部,2021-01,3,2,1,0,2666.67,4,-25.0,0,,2400.17,11.1,,
370000000000,山东省,2021-01,2,1,1,0,3250.00,3,-33.3,0,,2850.25,14.0,,
500000000000,重庆市,2021-01,1,1,0,0,1500.00,1,0.0,0,,1500.00,0.0,," "by province, by hand"
show=$(bf --db "$db" monitor show --month 2021-01 --region 370811 | tr -d '\r' | tail -n +2)
expect_eq "$show" \
"370811000000,任城区,2021-01,2,1,1,0,3250.00,3,-33.3,0,,2850.25,14.0,,
370811002000,许庄街道,2021-01,1,1,0,0,2500.00,2,-50.0,0,,2850.25,-12.3,,
370811005000,李营街道,2021-01,1,0,1,0,4000.00,1,0.0,0,,,,," "a county and its townships"

alerts=$(bf --db "$db" monitor alerts --month 2021-01 --region 370811 | tr -d '\r')
expect_eq "$alerts" \
"预警,比较,区划代码,区划名称,比较月份,之前,之后,变化（%）,证件号码,姓名,原工作地区划代码,原月收入（元）
务工规模下降,环比,370811000000,任城区,2020-12,3,2,-33.3,$B,李二,320102000000,3200.50
务工规模下降,环比,370811002000,许庄街道,2020-12,2,1,-50.0,$B,李二,320102000000,3200.50
务工收入下降,环比,370811002000,许庄街道,2020-12,2850.25,2500.00,-12.3,,,," "alerts with the people who left"
alerts=$(bf --db "$db" monitor alerts --month 2021-01 --region 370811 --threshold 40 | tr -d '\r' | cut -d, -f1-4)
expect_eq "$alerts" "预警,比较,区划代码,区划名称
务工规模下降,环比,370811002000,许庄街道
务工收入下降,环比,370811002000,许庄街道" "a fall of 33.3% is within a threshold of 40%"
expect_eq "$(bf --db "$db" monitor alerts --month 2021-01 --region 370811 --setting scale_fall_percent=50 | wc -l)" 2 \
    "50% is not more than 50%: only the income"

# A stored month reads the same after the facts change: 张一's spell ends, a new one starts.
cat >jobs2.csv <<CSV
证件号码,单位统一社会信用代码,工作地区划代码,就业形式,开始日期,结束日期,月收入（元）
$A,91370811MA3C00011L,370811,企业就业,2020-03-01,2020-06-30,2500
$D,,370811,务农,2020-01-01,,
CSV
bf --db "$db" import jobs jobs2.csv >/dev/null
out=$(bf --db "$db" monitor snapshot --month 2020-12)
expect_contains "$out" '"workers":4,"taken":0' "a month is taken once"
expect_eq "$(bf --db "$db" monitor show --month 2021-01 | tr -d '\r')" "$show_all" "the past reads the same"

# JSON and XLSX.
json=$(bf --db "$db" monitor show --month 2021-01 --region 50 --json)
expect_eq "$(printf '%s' "$json" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r[0]["区划名称"], r[0]["务工人数"], len(r))')" \
    "重庆市 1 2" "JSON rows keyed by the header"
bf --db "$db" monitor alerts --month 2021-01 --region 370811 --out alerts.xlsx 2>/dev/null || fail "xlsx"
python3 - alerts.xlsx "$B" <<'PY' || fail "workbook"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
text = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))
for s in ["务工规模下降", "许庄街道", sys.argv[2]]:
    assert s in text, s
PY
bf --db "$db" monitor alerts --month 2021-01 --out alerts.xlsx 2>err.txt && fail "an existing file is kept"
bf --db "$db" monitor alerts --month 2021-01 --out alerts.json --force 2>/dev/null || fail "json file"
python3 -c 'import json,sys; json.load(open("alerts.json"))' || fail "alerts.json"
bf --db "$db" monitor show --month 2019-05 2>err.txt && fail "no snapshot"
expect_contains "$(cat err.txt)" "没有 2019-05 的快照" "the month must be taken first"
bf --db "$db" monitor show --month 2021-13 2>/dev/null && fail "bad month"
bf --db "$db" monitor alerts --month 2021-01 --threshold abc 2>err.txt && fail "bad threshold"
expect_contains "$(cat err.txt)" "scale_fall_percent" "the threshold named"
bf --db "$db" monitor show --month 2021-01 --region 999999 2>/dev/null && fail "unknown region"
echo ok
