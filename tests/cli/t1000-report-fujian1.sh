#!/bin/sh
# bangfu report fujian1 (issue 16 items 1, 9): 附件1 推进情况表 of a small county from the
# stored records (tests/cli/report_data.sh), the expected table written by hand: the county's
# row first (##区 of the form) as the sum, one row per township, the county's own row (本级)
# for the alliance it leads; the city's report where each county's row is that county's
# total; --cell listing the records behind a cell; --as-of; CSV, XLSX (merged headers) and JSON.
. "$(dirname "$0")/lib.sh"
db=$(new_db)
. "$(dirname "$0")/report_data.sh"
report_data_load

out=$(bf --db "$db" report fujian1 --region 370811 --quarter 2023Q3 --as-of 2099-12-31 | tr -d '\r')
expected='附件1
防止返贫就业攻坚行动推进情况表
单位（公章）：任城区,,,,,,,,,,,,填表日期：2099年12月31日
市、县（市、区）,劳务协作联盟个数,特色劳务品牌个数,乡村振兴劳务基地个数,劳务合作社个数,就业帮扶车间个数,,以工代赈吸纳当地农村劳动力就业人数,,乡村公益性岗位安置脱贫人口数,组织脱贫人口参加职业技能培训人数,易地搬迁安置区脱贫人口就业人数,举办“乐业搬迁（迁建）”专场招聘活动次数
,,,,,,吸纳脱贫人口数,,吸纳脱贫人口数,,,,
任城区,1,1,1,1,1,2,2,1,1,1,1,1
许庄街道,0,1,0,1,1,2,0,0,1,0,0,0
李营街道,0,0,0,0,0,0,0,0,0,1,1,1
南张街道,0,0,0,0,0,0,0,0,0,0,0,0
仙营街道,0,0,0,0,0,0,0,0,0,0,0,0
金城街道,0,0,0,0,0,0,0,0,0,0,0,0
廿里铺街道,0,0,0,0,0,0,0,0,0,0,0,0
古槐街道,0,0,0,0,0,0,0,0,0,0,0,0
济阳街道,0,0,0,0,0,0,0,0,0,0,0,0
阜桥街道,0,0,0,0,0,0,0,0,0,0,0,0
越河街道,0,0,0,0,0,0,0,0,0,0,0,0
观音阁街道,0,0,0,0,0,0,0,0,0,0,0,0
南苑街道,0,0,0,0,0,0,0,0,0,0,0,0
安居街道,0,0,0,0,0,0,0,0,0,0,0,0
唐口街道,0,0,1,0,0,0,2,1,0,0,0,0
长沟镇,0,0,0,0,0,0,0,0,0,0,0,0
石桥镇,0,0,0,0,0,0,0,0,0,0,0,0
喻屯镇,0,0,0,0,0,0,0,0,0,0,0,0
济东物业服务中心,0,0,0,0,0,0,0,0,0,0,0,0
任城区本级,1,0,0,0,0,0,0,0,0,0,0,0
注：相关数据填当年累计数。
填表人：            电话：            
说明：2023年第3季度，当年累计 2023-01-01 至 2023-09-30（按该日已录入的记录）'
expect_eq "$out" "$expected" "附件1 of the county"

# The city: each county's row is that county's own total; the city's row the sum of its rows
# (兖州区's workshop W4 with P7; the city's own alliance in 济宁市本级).
city=$(bf --db "$db" report fujian1 --region 3708 --quarter 2023Q3 | tr -d '\r')
row() { printf '%s\n' "$1" | grep "^$2," | cut -d, -f2-; }
county_total=$(row "$out" 任城区)
expect_eq "$(row "$city" 任城区)" "$county_total" "the county's row in the city's report is its total"
expect_eq "$(row "$city" 兖州区)" "0,0,0,0,1,1,0,0,0,0,0,0" "兖州区"
expect_eq "$(row "$city" 济宁市本级)" "1,0,0,0,0,0,0,0,0,0,0,0" "the city's own alliance"
sum=$(printf '%s\n' "$city" | sed -n '7,/^注/p' | grep -v '^注' | python3 -c '
import sys
rows = [l.split(",")[1:] for l in sys.stdin.read().split("\n") if l]
print(",".join(str(sum(int(r[c]) for r in rows)) for c in range(12)))')
expect_eq "$(row "$city" 济宁市)" "$sum" "the city's row is the sum of its counties and its own row"
expect_eq "$(row "$city" 济宁市)" "2,1,1,1,2,3,2,1,1,1,1,1" "the city's row"

# --cell: the records behind a cell; the county's row lists its townships' records.
cell=$(bf --db "$db" report fujian1 --region 370811 --quarter 2023Q3 --cell 370811002,6 | tr -d '\r' | cut -d, -f1-2 | sed 1,2d | sort)
expect_eq "$cell" "370811002001,$P1
370811002001,$P3" "workshop hires of 许庄"
cell=$(bf --db "$db" report fujian1 --region 370811 --quarter 2023Q3 --cell 370811,7 | tr -d '\r' | cut -d, -f2 | sed 1,2d | sort)
expect_eq "$cell" "$(printf '%s\n' "$P4" "$N2" | sort)" "以工代赈 of the county"
cell=$(bf --db "$db" report fujian1 --region 370811 --quarter 2023Q3 --cell 本级,1 | tr -d '\r' | sed 1,2d)
expect_eq "$cell" "370811000000,任城劳务协作联盟,2023-03-01" "the county's own alliance"
bf --db "$db" report fujian1 --region 370811 --quarter 2023Q3 --cell 370812,1 2>err.txt && fail "--cell of another county"
expect_contains "$(cat err.txt)" "--cell 370812,1" "--cell outside the rows"

# Every cell's listing has as many records as the cell's number (all rows, all columns).
for pair in 370811:任城区 370811002:许庄街道 370811005:李营街道 370811018:唐口街道; do
    code=${pair%%:*} name=${pair#*:}
    values=$(row "$out" "$name")
    for c in 1 2 3 4 5 6 7 8 9 10 11 12; do
        n=$(bf --db "$db" report fujian1 --region 370811 --quarter 2023Q3 --cell "$code,$c" | sed 1,2d | wc -l)
        expect_eq "$n" "$(echo "$values" | cut -d, -f$c)" "--cell $code,$c"
    done
done

# --as-of: the report as the records stored by then give it.  The imports so far are dated
# 2023-09-01; a training stored later does not count on 2023-09-10, and the period ends then.
sql "UPDATE batches SET started_at = '2023-09-01T02:00:00Z'" >/dev/null
printf '证件号码,培训类型,培训地区划代码,开始日期,结束日期\n%s,技能培训,370811002001,2023-05-01,2023-05-03\n' "$P5" >late.csv
bf --db "$db" import trainings late.csv >/dev/null
early=$(bf --db "$db" report fujian1 --region 370811 --quarter 2023Q3 --as-of 2023-09-10 | tr -d '\r')
expect_eq "$(row "$early" 许庄街道)" "0,1,0,1,1,2,0,0,1,0,0,0" "as of 2023-09-10: no late training"
expect_contains "$early" "2023-01-01 至 2023-09-10" "the period ends on the --as-of day"
expect_contains "$early" "填表日期：2023年9月10日" "filled on the --as-of day"
now=$(bf --db "$db" report fujian1 --region 370811 --quarter 2023Q3 | tr -d '\r')
expect_eq "$(row "$now" 许庄街道)" "0,1,0,1,1,2,0,0,1,1,0,0" "now: the late training counts"
before=$(bf --db "$db" report fujian1 --region 370811 --quarter 2023Q3 --as-of 2023-08-31 | tr -d '\r')
expect_eq "$(row "$before" 任城区)" "0,0,0,0,0,0,0,0,0,0,0,0" "nothing stored by 2023-08-31"

# XLSX: the paper form (title merged over the table, merged headers); JSON: the same table.
bf --db "$db" report fujian1 --region 370811 --quarter 2023Q3 --out f1.xlsx 2>/dev/null || fail "xlsx"
merges=$(python3 -c '
import zipfile, re
x = zipfile.ZipFile("f1.xlsx").read("xl/worksheets/sheet1.xml").decode()
print(" ".join(re.findall(r"<mergeCell ref=\"([A-Z0-9:]+)\"", x)))')
expect_eq "$merges" "A2:M2 A4:A5 B4:B5 C4:C5 D4:D5 E4:E5 F4:G4 H4:I4 J4:J5 K4:K5 L4:L5 M4:M5" "merged cells of the form"
bf --db "$db" report fujian1 --region 370811 --quarter 2023Q3 --out f1.xlsx 2>/dev/null && fail "overwrote without --force"
bf --db "$db" report fujian1 --region 370811 --quarter 2023Q3 --format json >f1.json
expect_eq "$(python3 -c '
import json
d = json.load(open("f1.json"))
print(d["quarter"], d["columns"][6], d["rows"][0] == ["任城区"] + "1,1,1,1,1,2,2,1,1,2,1,1".split(","), d["row_regions"][-1])')" \
    "2023Q3 就业帮扶车间个数 / 吸纳脱贫人口数 True 本级" "JSON"
bf --db "$db" report fujian1 --region 370811 --quarter 2023Q5 2>/dev/null && fail "bad quarter"
true
