#!/bin/sh
# Job fairs and organised outflow (issue 14 item 4): bangfu import fairs, fair_employers,
# fair_people, outflows, outflow_people (references, vocabularies, a 乐业搬迁专场招聘 naming its
# relocation site, a hire naming its employer, reruns unchanged); bangfu fair list with counts;
# the count of 乐业搬迁专场招聘 per region and year (through the list by kind); bangfu outflow
# followup: carried people without a spell at the destination 30 days (setting) after departure.
. "$(dirname "$0")/lib.sh"
db=$(new_db)
cd "$WORK"
A=$(idn 50010119900101001) B=$(idn 50010119900101002) C=$(idn 50010119900101003)
D=$(idn 50010119900101004)
printf '姓名,证件号码,户籍地区划代码,帮扶类别,联系电话\n甲,%s,500101,脱贫人口,13800000001\n乙,%s,500101,脱贫人口,\n丙,%s,500101,脱贫人口,\n丁,%s,500101,脱贫人口,\n' "$A" "$B" "$C" "$D" >people.csv
bf --db "$db" import people people.csv >/dev/null
cat >orgs.csv <<'CSV'
统一社会信用代码,单位名称,单位类型,所在地区划代码
91370811MA3C00011L,济宁某公司,企业,370811
12370811MA3C0P044C,某安置区,易地搬迁安置区,370811
CSV
bf --db "$db" import orgs orgs.csv >/dev/null

cat >fairs.csv <<'CSV'
招聘会编号,招聘会名称,招聘会类型,举办形式,举办日期,举办地区划代码,举办地点,安置区统一社会信用代码,主办单位
F1,乐业搬迁专场,乐业搬迁专场招聘,现场,2023-03-15,370811,安置区广场,12370811MA3C0P044C,任城区人社局
F2,线上专场,专场招聘,线上,2023-05-01,370811,,,
F3,万州乐业搬迁,乐业搬迁,现场,2023-06-01,500101,,12370811MA3C0P044C,
F4,去年的,乐业搬迁专场招聘,现场,2022-06-01,370811,,12370811MA3C0P044C,
F5,没有安置区,乐业搬迁专场招聘,现场,2023-06-01,370811,,,
F6,地点是单位,专场招聘,现场,2023-06-01,370811,,91370811MA3C00011L,
CSV
out=$(bf --db "$db" import fairs fairs.csv --errors fairs_errors.csv)
expect_eq "$(json_get "$out" inserted) $(json_get "$out" rejected)" "4 2" "fairs"
expect_contains "$(cat fairs_errors.csv)" "安置区统一社会信用代码：乐业搬迁专场招聘必填" "relocation without site"
expect_contains "$(cat fairs_errors.csv)" "不是 relocation_site" "site of another kind"
expect_eq "$(bf --db "$db" import fairs fairs.csv --errors e2.csv | python3 -c 'import json,sys; print(json.load(sys.stdin)["unchanged"])')" 4 "rerun unchanged"
printf '招聘会编号,单位统一社会信用代码,提供岗位数,招聘人数\nF1,91370811MA3C00011L,5,30\nF9,91370811MA3C00011L,1,1\n' >fe.csv
out=$(bf --db "$db" import fair_employers fe.csv --errors fe_errors.csv)
expect_eq "$(json_get "$out" inserted) $(json_get "$out" rejected)" "1 1" "fair employers"
expect_contains "$(cat fe_errors.csv)" "F9" "unknown fair named"
cat >fp.csv <<CSV
招聘会编号,证件号码,参会结果,录用单位统一社会信用代码
F1,$A,录用,91370811MA3C00011L
F1,$B,参会,
F1,$C,,
F2,$C,录用,
CSV
out=$(bf --db "$db" import fair_people fp.csv --errors fp_errors.csv)
expect_eq "$(json_get "$out" inserted) $(json_get "$out" rejected)" "3 1" "fair people"
expect_contains "$(cat fp_errors.csv)" "录用单位统一社会信用代码：录用时必填" "hire without employer"
expect_eq "$(bf --db "$db" fair list --year 2023 --kind relocation | python3 -c 'import json,sys
for l in sys.stdin:
    f = json.loads(l); print(f["fair"], f["region"], f["employers"], f["postings"], f["openings"], f["attending"], f["hired"])')" \
"F1 370811000000 1 5 30 3 1
F3 500101000000 0 0 0 0 0" "fair list with counts"
expect_eq "$(bf --db "$db" fair list --year 2023 --kind relocation --region 370800 | wc -l)" 1 "relocation fairs of 济宁 in 2023"
expect_eq "$(bf --db "$db" fair list --region 370811 | wc -l)" 3 "all years"
expect_eq "$(bf --db "$db" fair list --year 2023 | wc -l)" 3 "all kinds"

cat >outflows.csv <<'CSV'
批次编号,出发日期,输出地区划代码,输入地区划代码,输送方式,组织机构统一社会信用代码
O1,2020-03-01,500101,370800,专列,91370811MA3C00011L
O2,2020-03-20,500101,370811,包车,
O3,2020-03-01,500101,370811,马车,
CSV
out=$(bf --db "$db" import outflows outflows.csv --errors of_errors.csv)
expect_eq "$(json_get "$out" inserted) $(json_get "$out" rejected)" "2 1" "outflows"
expect_contains "$(cat of_errors.csv)" "outflow_means.tsv" "means from the list"
printf '批次编号,证件号码\nO1,%s\nO1,%s\nO1,%s\nO2,%s\n' "$A" "$B" "$C" "$D" >op.csv
bf --db "$db" import outflow_people op.csv >/dev/null
# 甲 works in 济宁 since the 5th; 乙 worked there but stopped before departure; 丙 works at home.
cat >jobs.csv <<CSV
证件号码,单位统一社会信用代码,工作地区划代码,就业形式,开始日期,结束日期
$A,91370811MA3C00011L,370811,企业就业,2020-03-05,
$B,91370811MA3C00011L,370811,企业就业,2019-01-01,2020-02-01
$C,91370811MA3C00011L,500101,企业就业,2020-03-05,
CSV
bf --db "$db" import jobs jobs.csv >/dev/null
expect_eq "$(bf --db "$db" outflow followup --as-of 2020-03-31 | tail -n +2)" \
"O1,2020-03-01,370800000000,$B,乙,,30
O1,2020-03-01,370800000000,$C,丙,,30" "30 days after O1: 乙 and 丙; O2 not yet"
expect_eq "$(bf --db "$db" outflow followup --as-of 2020-04-30 | tail -n +2 | cut -d, -f1,4)" \
"O1,$B
O1,$C
O2,$D" "O2 too a month later"
expect_eq "$(bf --db "$db" outflow followup --as-of 2020-03-31 --days 40 | tail -n +2)" "" "--days 40"
sql "INSERT INTO settings (key, value) VALUES ('outflow.followup_days', '10')" >/dev/null
expect_eq "$(bf --db "$db" outflow followup --as-of 2020-03-31 | tail -n +2 | cut -d, -f1,4)" \
"O1,$B
O1,$C
O2,$D" "the setting's 10 days"
if bf --db "$db" outflow followup --days x >out.txt 2>err.txt; then fail "--days x accepted"; fi
bf template outflows --out t.csv 2>/dev/null
expect_contains "$(head -1 t.csv)" "输送方式" "template"
echo ok
