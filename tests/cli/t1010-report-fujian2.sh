#!/bin/sh
# bangfu report fujian2 (issue 16 item 2): 附件2 脱贫人口就业帮扶项目清单 as its form, from the
# stored projects of the small county (tests/cli/report_data.sh) with the people counted from
# the spells naming them; --as-of lists only the projects stored by then; XLSX and JSON.
. "$(dirname "$0")/lib.sh"
db=$(new_db)
. "$(dirname "$0")/report_data.sh"
report_data_load

out=$(bf --db "$db" report fujian2 --region 3708 --as-of 2099-01-01 | tr -d '\r')
expect_eq "$out" '附件2
脱贫人口就业帮扶项目清单
济宁市,,,,,,,,,填表日期：2099年1月1日
县（市、区）,序号,项目名称,项目简介,带动就业人数,,项目所在地是否属于：①省乡村振兴重点帮扶县②易地搬迁安置区③黄河滩区居民迁建安置区,项目联系人,联系电话,备注
,,,,,带动脱贫人口就业人数,,,,
任城区,1,许庄车间扩建,扩建厂房,0,0,否,李娜,13853700002,
任城区,2,唐口道路以工代赈,硬化道路,2,1,③,王强,13853700001,
填表人：            电话：            
说明：带动就业人数与带动脱贫人口就业人数按登记的就业记录（项目编号）统计，项目申报数见 bangfu project list' "附件2 of the city"
expect_eq "$(bf --db "$db" report fujian2 --region 370812 | tr -d '\r' | sed -n 6p)" "填表人：            电话：            " "兖州区 has no project"

# --as-of: projects stored after that day are not listed.
sql "UPDATE batches SET started_at = '2023-09-01T02:00:00Z'" >/dev/null
printf '项目编号,项目名称,项目类型,所在地区划代码\nYG2,李营以工代赈,以工代赈,370811005001\n' >late.csv
bf --db "$db" import projects late.csv >/dev/null
expect_eq "$(bf --db "$db" report fujian2 --region 370811 --as-of 2023-10-25 | tr -d '\r' | grep -c '^任城区,[0-9]')" 2 "as of 2023-10-25"
expect_eq "$(bf --db "$db" report fujian2 --region 370811 | tr -d '\r' | grep -c '^任城区,[0-9]')" 3 "now"

bf --db "$db" report fujian2 --region 3708 --out f2.xlsx 2>/dev/null || fail "xlsx"
merges=$(python3 -c '
import zipfile, re
x = zipfile.ZipFile("f2.xlsx").read("xl/worksheets/sheet1.xml").decode()
print(" ".join(re.findall(r"<mergeCell ref=\"([A-Z0-9:]+)\"", x)))')
expect_eq "$merges" "A2:J2 A4:A5 B4:B5 C4:C5 D4:D5 E4:F4 G4:G5 H4:H5 I4:I5 J4:J5" "merged cells of 附件2"
bf --db "$db" report fujian2 --region 3708 --format json >f2.json
expect_eq "$(python3 -c '
import json
d = json.load(open("f2.json"))
print(d["report"], len(d["rows"]), d["columns"][5])')" "sd2023.annex2 3 带动就业人数 / 带动脱贫人口就业人数" "JSON"
