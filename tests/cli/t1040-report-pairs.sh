#!/bin/sh
# bangfu report pairs (issue 14 item 5): each labor-cooperation pair of data/labor_pairs.tsv
# with the people of either side's hukou working on the other in the year (of them 脱贫人口)
# and the targets of the pair with their progress; the numbers written by hand.
. "$(dirname "$0")/lib.sh"
db=$(new_db)
cd "$WORK"
W1=$(idn 50010119900101001) W2=$(idn 50010119900101002) J1=$(idn 37081119900101003)
G1=$(idn 62010219900101004)
cat >people.csv <<CSV
姓名,证件号码,户籍地区划代码,帮扶类别
万一,$W1,500101,建档立卡贫困人口
万二,$W2,500101,农民工
济一,$J1,370811,脱贫享受政策人口
甘一,$G1,620102,农民工
CSV
printf '统一社会信用代码,单位名称,单位类型,所在地区划代码\n91370811MA3C00011L,济宁某公司,企业,370811\n' >orgs.csv
cat >jobs.csv <<CSV
证件号码,单位统一社会信用代码,工作地区划代码,就业形式,开始日期,结束日期
$W1,91370811MA3C00011L,370811,企业就业,2020-03-10,
$W2,91370811MA3C00011L,370811,企业就业,2020-05-01,2020-12-31
$J1,91370811MA3C00011L,500101,企业就业,2019-06-01,
$G1,91370811MA3C00011L,370102,企业就业,2023-02-01,
CSV
for kind in people orgs jobs; do bf --db "$db" import "$kind" "$kind.csv" >/dev/null; done

# 2020: 济一 in 万州 (脱贫人口); 万一 (建档立卡) and 万二 in 济宁; to 济宁 for 47号 一: 万一 only
# (建档立卡 of 万州, a spell begun in 2020 in 济宁); 520 in all: the same one.
out=$(bf --db "$db" report pairs --year 2020 | tr -d '\r')
expect_eq "$(printf '%s\n' "$out" | grep '^370800000000' | cut -d, -f1,2,4-11)" \
"370800000000 济宁市,500101000000 万州区,2020,1,1,2,1,jining47.wanzhou_assistance,520,1
370800000000 济宁市,500101000000 万州区,2020,1,1,2,1,jining47.transfer_to_jining,40,1
370800000000 济宁市,500101000000 万州区,2020,1,1,2,1,jining47.local_employment,230,0
370800000000 济宁市,500101000000 万州区,2020,1,1,2,1,jining47.training,250,0" "济宁–万州 2020"
expect_eq "$(printf '%s\n' "$out" | grep '^370000000000 山东省,620000000000' | cut -d, -f4-9)" \
    "2020,0,0,0,0," "鲁甘 2020: no one, no target"

# 2023: 万二's spell ended in 2020; 甘一 (not 脱贫人口) works in 济南; the 1.6万 counts the
# people of 重庆 and 甘肃 working anywhere (万一, 甘一), the 1万 the 脱贫人口 among them (万一).
out=$(bf --db "$db" report pairs --year 2023 --format json)
expect_eq "$(printf '%s' "$out" | python3 -c '
import json, sys
for r in json.load(sys.stdin)["rows"]:
    print(r[0][:2], r[1][:2], *r[4:11])')" \
"37 50 1 1 1 1   
37 50 1 1 1 1 sd2023.chongqing_gansu_employment 16000 2
37 50 1 1 1 1 sd2023.chongqing_gansu_poverty_employment 10000 1
37 62 0 0 1 0 sd2023.chongqing_gansu_employment 16000 2
37 62 0 0 1 0 sd2023.chongqing_gansu_poverty_employment 10000 1" "2023 in JSON"
echo ok
