#!/bin/sh
# bangfu governance (issue 16 item 5; 2023 notice 二(三) 优亲厚友、轮流坐庄、拖欠工资补贴): the
# holders of a cadre's household, a household holding two posts, a post changing hands more
# often than the setting allows, one household holding a post in turn, and months of a spell
# not paid in full by the pay records; each with evidence, by township, as of a day.
. "$(dirname "$0")/lib.sh"
here="$(cd "$(dirname "$0")" && pwd)"
db=$(new_db)
cd "$WORK"
. "$here/monitor_people.sh"
bf --db "$db" import people people.csv >/dev/null
bf --db "$db" import orgs orgs.csv >/dev/null
A=$(id_of 张一) B=$(id_of 李二) C=$(id_of 王三) D=$(id_of 陈四) E=$(id_of 刘五) F=$(id_of 赵六)
cat >posts.csv <<'CSV'
岗位编号,岗位名称,岗位类别,岗位类型,所在村区划代码,月补贴标准（元）,设岗日期
P001,村庄保洁员,乡村公益性岗位,保洁,370811002001,990,2020-01-01
P002,护路员,乡村公益性岗位,公路养护,370811002001,990,2020-01-01
P003,保洁员,乡村公益性岗位,保洁,370811005001,990,2020-01-01
P004,护路员,乡村公益性岗位,公路养护,370811005001,990,2020-01-01
CSV
bf --db "$db" import posts posts.csv >/dev/null
# 张一 and 李二 are of household H001, that of 孙某, 村党支部书记 of 370811002001 (not registered).
cat >cadres.csv <<'CSV'
证件号码,姓名,所在村区划代码,职务,户编号,任职日期,离任日期
37081119700506001X,孙某,370811002001,村党支部书记,H001,2018-01-01,
CSV
bf --db "$db" import cadres cadres.csv >/dev/null
cat >assignments.csv <<CSV
身份证号,岗位编号,上岗日期,离岗日期
$A,P001,2021-01-01,
$B,P002,2021-03-01,
$C,P003,2020-07-01,2020-09-30
$D,P003,2020-10-01,2020-12-31
$F,P003,2021-01-01,2021-02-28
$E,P003,2021-03-01,
$B,P004,2020-01-01,2020-06-30
$A,P004,2020-07-01,2020-12-31
CSV
expect_eq "$(bf --db "$db" import assignments assignments.csv | cut -c1-22)" '{"rows":8,"inserted":8' "assignments"
# Paid in full every month of every spell up to 2021-05, except 张一's P001 2021-04 (500 of 990)
# and 2021-05 (no record).
python3 - assignments.csv >pay.csv <<'PY'
import csv, sys
print("岗位编号,证件号码,月份,应发金额（元）,实发金额（元）,发放日期")
for row in list(csv.reader(open(sys.argv[1])))[1:]:
    who, post, start, end = row
    y, m = int(start[:4]), int(start[5:7])
    last = (int(end[:4]), int(end[5:7])) if end else (2021, 5)
    while (y, m) <= last:
        month = "%04d-%02d" % (y, m)
        if (post, month) == ("P001", "2021-04"):
            print("%s,%s,%s,990,500," % (post, who, month))
        elif (post, month) != ("P001", "2021-05"):
            print("%s,%s,%s,990,990," % (post, who, month))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
PY
expect_contains "$(bf --db "$db" import post_pay pay.csv)" '"rejected":0' "pay"

out=$(bf --db "$db" governance --as-of 2021-06-30 | tr -d '\r')
expect_eq "$out" \
"乡镇代码,乡镇名称,村代码,村名称,岗位编号,岗位名称,问题,证件号码,姓名,户编号,证据,检查日期
370811002000,许庄街道,370811002001,航运新村居委会,P001,村庄保洁员,优亲厚友（村干部及其同户）,$A,张一,H001,与本村村党支部书记 孙某（37081119700506001X）同户（户编号 H001）；,2021-06-30
370811002000,许庄街道,370811002001,航运新村居委会,P001,村庄保洁员,优亲厚友（一户多岗）,$A,张一,H001,户 H001 同时持有 2 个岗位：P001 张一、P002 李二,2021-06-30
370811002000,许庄街道,370811002001,航运新村居委会,P001,村庄保洁员,拖欠,$A,张一,H001,2 个月未足额发放，应发 1980.00 元，欠 1480.00 元：2021-04 应发 990.00 实发 500.00；2021-05 应发 990.00 无发放记录,2021-06-30
370811002000,许庄街道,370811002001,航运新村居委会,P002,护路员,优亲厚友（村干部及其同户）,$B,李二,H001,与本村村党支部书记 孙某（37081119700506001X）同户（户编号 H001）；,2021-06-30
370811002000,许庄街道,370811002001,航运新村居委会,P002,护路员,优亲厚友（一户多岗）,$B,李二,H001,户 H001 同时持有 2 个岗位：P001 张一、P002 李二,2021-06-30
370811005000,李营街道,370811005001,汇翠园社区居民委员会,P003,保洁员,轮流坐庄（频繁更换）,,,,2020-06-30 至 2021-06-30 共 4 人在岗（上限 2）：王三 2020-07-01—2020-09-30、陈四 2020-10-01—2020-12-31、赵六 2021-01-01—2021-02-28、刘五 2021-03-01—今,2021-06-30
370811005000,李营街道,370811005001,汇翠园社区居民委员会,P004,护路员,轮流坐庄（一户轮流）,,,H001,户 H001 的 2 人先后在岗：李二 2020-01-01—2020-06-30、张一 2020-07-01—2020-12-31,2021-06-30" \
    "every flag with its evidence, by hand"

# Settings: 4 holders are within a maximum of 4; pay due by the end of the month after
# (grace 0: June is due too).
out=$(bf --db "$db" governance --as-of 2021-06-30 --setting rotation_holders_max=4 --setting arrears_grace_months=0 | tr -d '\r')
expect_eq "$(printf '%s\n' "$out" | grep -c 频繁更换)" 0 "4 holders allowed"
expect_contains "$out" "3 个月未足额发放，应发 2970.00 元，欠 2470.00 元" "June due with grace 0"
expect_contains "$out" "2021-06 应发 990.00 无发放记录" "李二's June too"

# As of 2020-12-31: 李二 holds no post, the rotation window holds 王三 and 陈四 only.
out=$(bf --db "$db" governance --as-of 2020-12-31 | tr -d '\r' | cut -d, -f5,7)
expect_eq "$out" "岗位编号,问题
P004,轮流坐庄（一户轮流）" "an earlier day"

# A township, files, counts.
expect_eq "$(bf --db "$db" governance --as-of 2021-06-30 --region 370811005 | tail -n +2 | cut -d, -f5 | tr -d '\r' | tr '\n' ' ')" \
    "P003 P004 " "one township"
expect_eq "$(bf --db "$db" governance --as-of 2021-06-30 --out flags.xlsx 2>/dev/null)" \
    '{"rows":7,"favoritism_cadre":2,"favoritism_household":2,"rotation_frequent":1,"rotation_household":1,"arrears":1}' "counts"
python3 - flags.xlsx <<'PY' || fail "workbook"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
text = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))
for s in ["优亲厚友（一户多岗）", "李营街道", "无发放记录"]:
    assert s in text, s
PY
json=$(bf --db "$db" governance --as-of 2021-06-30 --json)
expect_eq "$(printf '%s' "$json" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(len(r), r[2]["问题"], r[2]["姓名"])')" \
    "7 拖欠 张一" "JSON"
bf --db "$db" governance --setting rotation_holders_max=x 2>err.txt && fail "bad setting"
expect_contains "$(cat err.txt)" "rotation_holders_max" "the setting named"
bf --db "$db" governance --setting nothing=1 2>err.txt && fail "unknown setting"
expect_contains "$(cat err.txt)" "没有设置项“nothing”" "unknown setting named"
bf --db "$db" governance --month 2021-01 2>/dev/null && fail "no month here"
echo ok
