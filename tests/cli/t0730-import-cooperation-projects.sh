#!/bin/sh
# bangfu import alliances|alliance_members|brands|projects (issue 13 items 2, 3) and the spells
# on a project: 劳务协作联盟 with members that are a region or an organisation (one of the two),
# 特色劳务品牌 keyed by name and region, 以工代赈 / 就业帮扶 projects with the columns of 附件2
# (三个“是否属于”, declared jobs not fewer than the poor among them), and jobs naming a stored
# project (就业形式 以工代赈 needs one); templates import as they are, re-imports change
# nothing, changes go to fact_history.
. "$(dirname "$0")/lib.sh"
here="$(cd "$(dirname "$0")" && pwd)"
id() { python3 "$here/carrier_data.py" id "$@"; }
code() { python3 "$here/carrier_data.py" code "$@"; }
db=$(new_db)
cd "$WORK"
O=$(code 370811 1)
P1=$(id 370811 19800101 1)
P2=$(id 370811 19800101 2)
printf '统一社会信用代码,单位名称,单位类型,所在地区划代码\n%s,任城人社服务中心,人力资源服务机构,370811\n91370811MA3C6Y4N2B,任城区帮扶车间,扶贫车间,370811\n' "$O" >orgs.csv
bf --db "$db" import orgs orgs.csv >/dev/null
printf '姓名,证件号码,户籍地区划代码,帮扶类别\n甲,%s,370811,脱贫人口\n乙,%s,370811,农民工\n' "$P1" "$P2" >people.csv
bf --db "$db" import people people.csv >/dev/null

# Every template imports as it is (its example refers to the example organisation).
for kind in alliances alliance_members brands projects; do
    bf template "$kind" --out "t_$kind.csv" 2>/dev/null
    out=$(bf --db "$db" import "$kind" "t_$kind.csv")
    expect_eq "$out" '{"rows":1,"inserted":1,"updated":0,"unchanged":0,"rejected":0}' "template $kind"
done

cat >alliances.csv <<CSV
联盟名称,牵头地区划代码,牵头单位统一社会信用代码,成立日期,解散日期,备注
济渝劳务协作联盟,370800,$O,2020/4/1,,
鲁西南劳务联盟,3708,,2021-01-01,2020-12-31,
,370811,,2021-01-01,,
某联盟,370811,,,,
CSV
out=$(bf --db "$db" import alliances alliances.csv 2>/dev/null)
expect_eq "$out" '{"rows":4,"inserted":1,"updated":0,"unchanged":0,"rejected":3}' "alliances"
errors=$(cat alliances.csv.errors.csv)
expect_contains "$errors" "解散日期：2020-12-31 早于开始日期 2021-01-01" "dissolved before founded"
expect_contains "$errors" "联盟名称：必填" "name required"
expect_contains "$errors" "成立日期：必填" "founded required"
expect_eq "$(sql "SELECT name || '|' || lead_region || '|' || lead_org || '|' || founded FROM alliances WHERE name = '济渝劳务协作联盟'")" \
    "济渝劳务协作联盟|370800000000|$O|2020-04-01" "stored alliance"

cat >members.csv <<CSV
联盟名称,成员地区划代码,成员单位统一社会信用代码,加入日期,退出日期
济渝劳务协作联盟,500101,,2020-04-01,
济渝劳务协作联盟,,$O,2020-04-01,
济渝劳务协作联盟,370811,$O,2020-04-01,
济渝劳务协作联盟,,,2020-04-01,
不存在的联盟,500101,,,
济渝劳务协作联盟,370811,,2021-01-01,2020-01-01
CSV
out=$(bf --db "$db" import alliance_members members.csv 2>/dev/null)
expect_eq "$out" '{"rows":6,"inserted":2,"updated":0,"unchanged":0,"rejected":4}' "members"
errors=$(cat members.csv.errors.csv)
expect_contains "$errors" "成员地区划代码与成员单位统一社会信用代码应填且只填一项" "one of region and org"
expect_contains "$errors" "联盟名称：“不存在的联盟”" "unknown alliance"
expect_contains "$errors" "退出日期：2020-01-01 早于开始日期 2021-01-01" "left before joined"
expect_eq "$(sql "SELECT alliance || '|' || member_region || '|' || member_org FROM alliance_members WHERE alliance = '济渝劳务协作联盟' ORDER BY member_region")" \
    "济渝劳务协作联盟||$O
济渝劳务协作联盟|500101000000|" "members stored, '' for the other"
out=$(bf --db "$db" import alliance_members members.csv 2>/dev/null)
expect_eq "$out" '{"rows":6,"inserted":0,"updated":0,"unchanged":2,"rejected":4}' "members re-import"

cat >brands.csv <<CSV
品牌名称,所在地区划代码,行业工种,依托单位统一社会信用代码,认定日期,认定机关,终止日期
任城巧手,370811,手工编织,$O,2022-05-01,济宁市人社局,
任城巧手,500101,手工编织,,,,
任城巧手,370811,,,,,
CSV
out=$(bf --db "$db" import brands brands.csv 2>/dev/null)
expect_eq "$out" '{"rows":3,"inserted":2,"updated":0,"unchanged":0,"rejected":1}' "brands: the key is name and region"
expect_contains "$(cat brands.csv.errors.csv)" "与第 2 行重复" "same name and region twice"
sed -i 's/^任城巧手,500101,手工编织,,,,$/任城巧手,500101,手工刺绣,,,,/; $d' brands.csv
bf --db "$db" import brands brands.csv >/dev/null 2>&1
expect_eq "$(sql "SELECT record_key || '|' || field || '|' || old_value || '|' || new_value FROM fact_history WHERE kind = 'brands'")" \
    "任城巧手|500101000000|trade|手工编织|手工刺绣" "brand history"

cat >projects.csv <<CSV
项目编号,项目名称,项目类型,所在地区划代码,项目简介,开始日期,结束日期,带动就业人数,带动脱贫人口就业人数,省乡村振兴重点帮扶县,易地搬迁安置区,黄河滩区居民迁建安置区,项目联系人,联系电话,备注
YG-1,唐口街道道路以工代赈,以工代赈,370811,硬化道路,2023-11-01,2024-03-31,30,10,是,否,是,王强,13853700001,
JB-1,帮扶车间扩建,就业帮扶项目,370811,,2023-10-20,,20,,,,,,,
YG-2,坏项目,修路,370811,,,,,,也许,,,,,
YG-3,坏项目,以工代赈,370811,,2023-11-01,2023-10-01,5,6,,,,,,
CSV
out=$(bf --db "$db" import projects projects.csv 2>/dev/null)
expect_eq "$out" '{"rows":4,"inserted":2,"updated":0,"unchanged":0,"rejected":2}' "projects"
errors=$(cat projects.csv.errors.csv)
for reason in "项目类型：“修路”不在词表 project_kind.tsv 中" "结束日期：2023-10-01 早于开始日期 2023-11-01" "带动脱贫人口就业人数：多于带动就业人数" "省乡村振兴重点帮扶县：“也许”应为 是 或 否"; do
    expect_contains "$errors" "$reason" "project rejection"
done
expect_eq "$(sql "SELECT project_code || '|' || kind || '|' || jobs_declared || '|' || COALESCE(CAST(poor_declared AS TEXT), '-') || '|' || key_county || relocation_area || yellow_river_area FROM projects WHERE project_code IN ('YG-1', 'JB-1') ORDER BY 1")" \
    "JB-1|employment_assistance|20|-|000
YG-1|work_relief|30|10|101" "stored projects: codes, 0 for an unsaid 是否"

# Spells on a project: 以工代赈 needs a stored project; any spell may name one.
cat >jobs.csv <<CSV
证件号码,单位统一社会信用代码,工作地区划代码,就业形式,开始日期,结束日期,项目编号
$P1,$O,370811,以工代赈,2023-11-05,2024-01-31,YG-1
$P2,$O,370811,以工代赈,2023-11-05,,
$P2,91370811MA3C6Y4N2B,370811,车间就业,2023-11-01,,JB-1
$P1,91370811MA3C6Y4N2B,370811,车间就业,2024-02-01,,YG-9
CSV
out=$(bf --db "$db" import jobs jobs.csv 2>/dev/null)
expect_eq "$out" '{"rows":4,"inserted":2,"updated":0,"unchanged":0,"rejected":2}' "jobs on projects"
errors=$(cat jobs.csv.errors.csv)
expect_contains "$errors" "项目编号：以工代赈须填项目编号" "work relief needs a project"
expect_contains "$errors" "项目编号：“YG-9”" "unknown project"
expect_eq "$(sql "SELECT kind || '|' || project FROM jobs ORDER BY project")" "workshop|JB-1
work_relief|YG-1" "spells name their projects"
# The stored spell of kind work_relief reads into calc (a job kind of the policy format).
bf --db "$db" calc --person "$P1" --from 2023-11 --to 2023-11 >/dev/null || fail "calc reads work_relief spells"

# 附件2: the projects of a region in its columns, with the people counted from the spells
# naming them (begun by the day; 脱贫人口 by the person status sd2023.poverty_population).
expect_eq "$(bf --db "$db" project list --date 2024-01-01 | tr -d '\r')" \
"县（市、区）,序号,项目编号,项目名称,项目类型,项目简介,带动就业人数,带动脱贫人口就业人数,项目所在地是否属于：①省乡村振兴重点帮扶县②易地搬迁安置区③黄河滩区居民迁建安置区,项目联系人,联系电话,备注,登记就业人数,其中脱贫人口
任城区,1,JB-1,帮扶车间扩建,就业帮扶,,20,,否,,,,1,0
任城区,2,RC2023-001,李营街道农村道路以工代赈项目,以工代赈,硬化村内道路3公里，吸纳本村劳动力务工,40,12,否,王强,0537-2345678,,0,0
任城区,3,YG-1,唐口街道道路以工代赈,以工代赈,硬化道路,30,10,①③,王强,13853700001,,1,1" "附件2 list"
expect_eq "$(bf --db "$db" project list --date 2023-11-02 | tr -d '\r' | tail -n +2 | cut -d, -f3,13,14)" "JB-1,1,0
RC2023-001,0,0
YG-1,0,0" "spells begun later do not count"
expect_eq "$(bf --db "$db" project list --region 5001 | tr -d '\r' | wc -l)" 1 "no project in another region"
bf --db "$db" project list --out 附件2.xlsx 2>/dev/null && [ -s 附件2.xlsx ] || fail "xlsx"
if bf --db "$db" project list --out 附件2.xlsx 2>/dev/null; then fail "overwrote without --force"; fi
