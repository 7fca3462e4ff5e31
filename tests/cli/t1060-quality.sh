#!/bin/sh
# bangfu quality (issue 16 item 6; 鲁人社字〔2020〕41号 五 四清): per village the laborers whose
# 就业状态, 就业需求, 技能水平 and 就业困难 are known, and known recently (set or changed within
# quality_recent_months: the field's last change in person_history, else the registration);
# villages below quality_threshold_percent; counties ranked; as of a day (people registered
# later left out, fields changed later counted with their value then).  Expected by hand.
. "$(dirname "$0")/lib.sh"
here="$(cd "$(dirname "$0")" && pwd)"
db=$(new_db)
cd "$WORK"
. "$here/monitor_people.sh"
bf --db "$db" import people people.csv >/dev/null
# Registered on 2020-01-01 (the batch's day, set here as the import cannot be run in the past).
sql "UPDATE batches SET started_at = '2020-01-01T08:00:00Z'" >/dev/null
B=$(id_of 李二)
# 李二's four fields are all brought up to date today (two were empty).
cat >update.csv <<CSV
姓名,证件号码,户籍地区划代码,户编号,帮扶类别,劳动能力,就业状态,就业意愿,技能,就业困难
李二,$B,370811002001,H001,建档立卡贫困人口,有劳动能力,未就业,有外出务工意愿,电工,缺乏技能
CSV
expect_contains "$(bf --db "$db" import people update.csv)" '"updated":1' "update"
expect_eq "$(sql "SELECT COUNT(*) FROM person_history WHERE id_number = '$B'")" 4 "four fields changed"
today=$(date -u +%Y-%m-%d)

header="区划代码,区划名称,劳动力人数,就业状态已知,就业需求已知,技能水平已知,就业困难已知,四项均已知,四清率（%）,近期四项均已知,及时率（%）,低于阈值,统计日期"
# Today: 张一 (all four known since 2020) is known but not recently; 李二 both; 赵六 has no
# labor ability; 王三 and 陈四 lack fields; 刘五 known since 2020.
expect_eq "$(bf --db "$db" quality | tr -d '\r')" "$header
370811002001,航运新村居委会,2,2,2,2,2,2,100.0,1,50.0,是,$today
370811005001,汇翠园社区居民委员会,2,1,1,0,1,0,0.0,0,0.0,是,$today
500101000000,万州区,1,1,1,1,1,1,100.0,0,0.0,是,$today" "today, by hand"
# As of 2021-01-01: 李二's fields as they were (技能, 就业困难 empty); the registration of
# 2020-01-01 lies within 12 months.
expect_eq "$(bf --db "$db" quality --as-of 2021-01-01 --region 370811002 | tr -d '\r')" "$header
370811002001,航运新村居委会,2,2,2,1,1,1,50.0,1,50.0,是,2021-01-01" "as of 2021-01-01"
expect_eq "$(bf --db "$db" quality --as-of 2019-12-31 | tr -d '\r')" "$header" "before anyone was registered"
# Settings: 100 months make 2020 recent; 赵六 counts when only 丧失劳动能力 is no laborer.
expect_eq "$(bf --db "$db" quality --region 370811002 --setting quality_recent_months=100 | tail -1 | cut -d, -f3,10-12)" \
    "2,2,100.0,否" "100 months"
expect_eq "$(bf --db "$db" quality --region 370811002 --setting non_laborer_abilities=丧失劳动能力 | tail -1 | cut -d, -f3-8)" \
    "3,2,2,2,2,2" "赵六 counted"
# The villages below the threshold: 50.0 is not below 50.
expect_eq "$(bf --db "$db" quality --below --setting quality_threshold_percent=50 | tail -n +2 | cut -d, -f1 | tr '\n' ' ')" \
    "370811005001 500101000000 " "below 50%"
# The counties ranked by the recent share, then the known share.
expect_eq "$(bf --db "$db" quality --by-county | tr -d '\r')" \
"排名,区划代码,区划名称,村数,低于阈值村数,劳动力人数,四项均已知,四清率（%）,近期四项均已知,及时率（%）,统计日期
1,370811000000,任城区,2,2,4,2,50.0,1,25.0,$today
2,500101000000,万州区,1,1,1,1,100.0,0,0.0,$today" "county ranking"
expect_eq "$(bf --db "$db" quality --by-county --setting quality_recent_months=100 | cut -d, -f1,2 | tail -n +2 | tr '\n' ' ')" \
    "1,500101000000 2,370811000000 " "the ranking follows the recent share"
bf --db "$db" quality --by-county --out rank.xlsx 2>/dev/null || fail "xlsx"
python3 - rank.xlsx <<'PY' || fail "workbook"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
text = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))
assert "任城区" in text and "及时率（%）" in text
PY
expect_eq "$(bf --db "$db" quality --json | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r[0]["四清率（%）"], r[2]["区划名称"])')" \
    "100.0 万州区" "JSON"
bf --db "$db" quality --setting quality_threshold_percent=101 2>err.txt && fail "bad threshold"
expect_contains "$(cat err.txt)" "quality_threshold_percent" "named"
bf --db "$db" quality --as-of 2021-02-30 2>/dev/null && fail "bad day"
echo ok
