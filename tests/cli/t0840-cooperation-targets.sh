#!/bin/sh
# bangfu cooperation targets: the progress of the declared targets with a measure, computed
# from the stored spells and trainings by month (济人社字〔2020〕47号 一: 40 transferred to 济宁,
# 230 employed locally, 250 trained, 520 in all as the union of the three), counting each
# person of the target's population (建档立卡贫困人口 with hukou in 万州) once, in the month of
# their first record of the year, up to --as-of; --people lists who is behind each number.
. "$(dirname "$0")/lib.sh"
db=$(new_db)
cd "$WORK"
W1=$(idn 50010119900101001) W2=$(idn 50010119900101002) W3=$(idn 50010119900101003)
W4=$(idn 50010119900101004) W5=$(idn 37081119900101005) W6=$(idn 50010119900101006)
W7=$(idn 50010119900101007)
cat >people.csv <<CSV
姓名,证件号码,户籍地区划代码,帮扶类别
万一,$W1,500101,建档立卡贫困人口
万二,$W2,500101,建档立卡贫困人口；易地扶贫搬迁人口
万三,$W3,500101,建档立卡贫困人口
万四,$W4,500101,脱贫享受政策人口
济五,$W5,370811,建档立卡贫困人口
万六,$W6,500101,建档立卡贫困人口
万七,$W7,500101,建档立卡贫困人口
CSV
bf --db "$db" import people people.csv >/dev/null
printf '统一社会信用代码,单位名称,单位类型,所在地区划代码\n91370811MA3C00011L,济宁某公司,企业,370811\n' >orgs.csv
bf --db "$db" import orgs orgs.csv >/dev/null
cat >jobs.csv <<CSV
证件号码,单位统一社会信用代码,工作地区划代码,就业形式,开始日期
$W1,91370811MA3C00011L,370811,企业就业,2020-03-10
$W1,91370811MA3C00011L,370811,企业就业,2020-08-01
$W2,91370811MA3C00011L,370811,企业就业,2020-05-01
$W3,91370811MA3C00011L,500101,企业就业,2020-04-01
$W4,91370811MA3C00011L,370811,企业就业,2020-03-01
$W5,91370811MA3C00011L,370811,企业就业,2020-03-01
$W6,91370811MA3C00011L,370811,企业就业,2019-12-01
$W7,91370811MA3C00011L,370811,企业就业,2020-11-01
CSV
bf --db "$db" import jobs jobs.csv >/dev/null
printf '证件号码,培训类型,开始日期,结束日期\n%s,技能培训,2020-02-01,2020-02-10\n%s,技能培训,2021-02-01,2021-02-10\n' "$W2" "$W3" >trainings.csv
bf --db "$db" import trainings trainings.csv >/dev/null

bf --db "$db" cooperation targets --as-of 2020-12-31 >all.jsonl
# target count met [month new cumulative]... of one target.
show() {
    python3 - "$1" all.jsonl <<'PY'
import json, sys
for line in open(sys.argv[2], encoding="utf-8"):
    t = json.loads(line)
    if t["target"] == sys.argv[1]:
        months = " ".join("%s:%d/%d" % (m, n, c) for m, n, c in t["months"] if n)
        print(t["count"], t["met"], t["value"], len(t["months"]), months)
PY
}
expect_eq "$(show jining47.transfer_to_jining)" "3 False 40.0 12 2020-03:1/1 2020-05:1/2 2020-11:1/3" "to 济宁: 万一 once, 万二, 万七"
expect_eq "$(show jining47.local_employment)" "1 False 230.0 12 2020-04:1/1" "local: 万三"
expect_eq "$(show jining47.training)" "1 False 250.0 12 2020-02:1/1" "trained: 万二 in 2020"
expect_eq "$(show jining47.wanzhou_assistance)" "4 False 520.0 12 2020-02:1/1 2020-03:1/2 2020-04:1/3 2020-11:1/4" "all: the parts' people once, first month"
expect_eq "$(show jinan2018.employment_2018)" "0 False 120.0 12 " "济南 2018: none"
expect_eq "$(show sd2023.outflow_scale)" "0 False 406000.0 0 " "2023: not begun on the day"
expect_eq "$(grep -c '"target"' all.jsonl)" 11 "the targets with a measure"
expect_contains "$(grep transfer_to_jining all.jsonl)" '"document":"济人社字〔2020〕47号","clause":"一"' "document and clause"

# Up to a day: later records are not seen.
bf --db "$db" cooperation targets --as-of 2020-06-30 --target jining47.wanzhou_assistance >all.jsonl
expect_eq "$(show jining47.wanzhou_assistance)" "3 False 520.0 6 2020-02:1/1 2020-03:1/2 2020-04:1/3" "as of June"

# The people behind the numbers.
bf --db "$db" cooperation targets --as-of 2020-12-31 --target jining47.transfer_to_jining --people >people_out.csv
expect_eq "$(cat people_out.csv)" "目标,月份,证件号码,姓名,记录
jining47.transfer_to_jining,2020-03,$W1,万一,jobs 91370811MA3C00011L 2020-03-10 370811000000
jining47.transfer_to_jining,2020-05,$W2,万二,jobs 91370811MA3C00011L 2020-05-01 370811000000
jining47.transfer_to_jining,2020-11,$W7,万七,jobs 91370811MA3C00011L 2020-11-01 370811000000" "--people"

# 外出务工 (a stock): spells going on in 2023 outside the hukou county, for people of 37.
sql "UPDATE people SET categories = '脱贫人口', hukou_region = '370811000000' WHERE id_number IN ('$W4', '$W5')" >/dev/null
cat >away.csv <<CSV
证件号码,单位统一社会信用代码,工作地区划代码,就业形式,开始日期,结束日期
$W4,91370811MA3C00011L,370102,企业就业,2020-03-01,2022-12-31
$W5,91370811MA3C00011L,500101,企业就业,2022-06-01,
CSV
bf --db "$db" import jobs away.csv >/dev/null
bf --db "$db" cooperation targets --as-of 2023-12-31 --target sd2023.outflow_scale --people >away_out.csv
expect_eq "$(cut -d, -f2,3 away_out.csv | tail -n +2)" "2023-01,$W5" "away: 济五 in 万州 (his spell at home and 万四's ended one do not count)"

# A target without a measure, or unknown.
if bf --db "$db" cooperation targets --target nosuch.target >out.txt 2>err.txt; then fail "unknown target accepted"; fi
expect_contains "$(cat err.txt)" "nosuch.target" "unknown target named"
if bf --db "$db" cooperation list >out.txt 2>err.txt; then fail "bad subcommand accepted"; fi
echo ok
