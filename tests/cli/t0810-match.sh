#!/bin/sh
# bangfu match: who is matched (劳动能力, 就业状态, 就业意愿, 无法外出, an ongoing
# spell), which open postings fit (state, deadline, age and sex limits, the
# classes a wish excludes) and their scores computed by hand from
# data/match_weights.tsv (distance by wish, skill fits or missing, pay, board
# and lodging away), ties by posting code, the reasons in words, --top,
# --region, the reverse view per posting, weights read from --data, and
# refusals.
. "$(dirname "$0")/lib.sh"
db=$(new_db)
cd "$WORK"
checkout=$_lib_checkout

# ID numbers with their check digit (GB 11643).
idn() {
    python3 -c 'import sys
b = sys.argv[1]
w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
print(b + "10X98765432"[sum(int(c) * k for c, k in zip(b, w)) % 11])' "$1"
}
A=$(idn 37081119900101001) B=$(idn 37081119850505002) C=$(idn 50010119920202003)
D=$(idn 37081119750303004) E=$(idn 37081119800101005) F=$(idn 37081119810101006)
G=$(idn 37081119820101007) H=$(idn 37081119830101008) I=$(idn 37081119500101009)
cat >people.csv <<CSV
姓名,证件号码,户籍地区划代码,帮扶类别,劳动能力,就业状态,就业意愿,技能,就业困难
甲,$A,370811,脱贫享受政策人口,有劳动能力,未就业,有就近就业意愿,电工,
乙,$B,370811,脱贫享受政策人口,普通劳动力,失业,外出务工,缝纫,
丙,$C,500101,脱贫享受政策人口,有劳动能力,未就业,外出务工,焊工,
丁,$D,370811,脱贫享受政策人口,弱劳动力,未就业,就近就业,,无法外出
戊,$E,370811,脱贫享受政策人口,丧失劳动能力,未就业,就近就业,,
己,$F,370811,脱贫享受政策人口,有劳动能力,县外务工,外出务工,,
庚,$G,370811,脱贫享受政策人口,有劳动能力,未就业,无就业意愿,,
辛,$H,370811,脱贫享受政策人口,有劳动能力,未就业,就近就业,,
壬,$I,370811,脱贫享受政策人口,有劳动能力,未就业,就近就业,,
CSV
bf --db "$db" import people people.csv >/dev/null
printf '统一社会信用代码,单位名称,单位类型,所在地区划代码\n91370811MA3C00011L,济宁某公司,企业,370811\n' >orgs.csv
bf --db "$db" import orgs orgs.csv >/dev/null
printf '证件号码,单位统一社会信用代码,工作地区划代码,就业形式,开始日期\n%s,91370811MA3C00011L,370811,企业就业,2021-01-01\n' "$H" >jobs.csv
bf --db "$db" import jobs jobs.csv >/dev/null
cat >postings.csv <<'CSV'
岗位编号,单位统一社会信用代码,岗位名称,工种,工作地区划代码,招聘人数,月薪下限（元）,技能要求,最高年龄,性别要求,提供食宿,截止日期,岗位状态
P1,91370811MA3C00011L,电工,电工,370811,2,4000,电工,,,否,2021-12-31,
P2,91370811MA3C00011L,普工,普工,370826,9,3000,,,,是,,
P3,91370811MA3C00011L,缝纫工,缝纫,370102,9,5000,缝纫,,女,是,,
P4,91370811MA3C00011L,焊工,焊工,500101,9,6000,焊工,45,,否,,
P5,91370811MA3C00011L,普工,普工,110101,9,9000,,,,是,,
P6,91370811MA3C00011L,普工,普工,370811,9,2000,,,,否,,已关闭
P7,91370811MA3C00011L,普工,普工,370811,9,9000,,,,否,2021-06-29,
P8,91370811MA3C00011L,缝纫工,缝纫,370811,9,3500,缝纫,60,,是,,
P9,91370811MA3C00011L,普工,普工,370811,9,3000,,,男,否,,
P10,91370811MA3C00011L,普工,普工,370811,0,9000,,,,否,,
CSV
bf --db "$db" import postings postings.csv >/dev/null

# laborer|rank|posting|score rows of a list.
rows() {
    python3 -c 'import csv, sys
for r in list(csv.reader(open(sys.argv[1], encoding="utf-8")))[1:]:
    print("|".join([r[1], r[3], r[4], r[8]]))' "$1"
}
bf --db "$db" match --date 2021-06-30 --top 3 >all.csv 2>summary.txt
# By hand (default weights; pay 5 points per 1000 yuan up to 8000):
# 甲 local:   P1 40+20+30=90, P9 40+15=55, P2 city 25+15+10=50 (P8 40+17-20=37; P3 for women)
# 乙 migrant: P3 province 25+25+10+30=90, P5 other 20+40+10=70, P8 county 5+17+30=52 (P4 40+30-20=50)
# 丙 migrant in 万州 (paired with 济宁 and 山东): P5 20+40+10=70, P2 40+15+10=65, P4 county 5+30+30=65
# 丁 无法外出: county only, P1 40+20-20=40, P8 40+17-20=37 (P9 for men)
# 壬 aged 71: P9 55, P2 50, P1 40 (P8 up to 60)
expect_eq "$(rows all.csv)" "壬|1|P9|55
壬|2|P2|50
壬|3|P1|40
丁|1|P1|40
丁|2|P8|37
乙|1|P3|90
乙|2|P5|70
乙|3|P8|52
甲|1|P1|90
甲|2|P9|55
甲|3|P2|50
丙|1|P5|70
丙|2|P2|65
丙|3|P4|65" "ranking"
expect_eq "$(cat summary.txt)" "5 名待就业劳动力，5 名有推荐岗位（7 个在招岗位，14 条推荐）" "summary"
expect_contains "$(cat all.csv)" "$A,甲,370811000000,1,P1,电工,济宁某公司,370811000000,90,有就近就业意愿，同县 +40；技能对口（电工）+30；月薪 4000 元起 +20" "reasons"
expect_contains "$(cat all.csv)" "$B,乙,370811000000,1,P3,缝纫工,济宁某公司,370102000000,90,有外出务工意愿，同省外市 +25；技能对口（缝纫）+30；月薪 5000 元起 +25；提供食宿 +10" "reasons away"
expect_contains "$(cat all.csv)" "$D,丁,370811000000,1,P1,电工,济宁某公司,370811000000,40,无法外出，同县 +40；缺少要求的技能（电工）-20；月薪 4000 元起 +20" "reasons missing skill"
expect_contains "$(cat all.csv)" "$C,丙,500101000000,2,P2,普工,济宁某公司,370826000000,65,有外出务工意愿，劳务协作地区 +40；月薪 3000 元起 +15；提供食宿 +10" "reasons paired"
LANG=C bf --db "$db" match --date 2021-06-30 --top 1 --region 500101 >en.csv 2>/dev/null
expect_contains "$(cat en.csv)" "wants work away, other province +20; pay from 9000 yuan a month +40; board and lodging +10" "English reasons"
expect_eq "$(rows en.csv)" "丙|1|P5|70" "--region"

# The reverse view: the laborers for P1, best first, ties in order of hukou and ID number
# (the list too is in that order).
bf --db "$db" match --date 2021-06-30 --posting P1 >p1.csv 2>summary.txt
expect_eq "$(rows p1.csv)" "甲|1|P1|90
壬|2|P1|40
丁|3|P1|40
丙|4|P1|40
乙|5|P1|5" "reverse view"
expect_eq "$(cat summary.txt)" "岗位 P1：推荐 5 名（共 5 名待就业劳动力）" "reverse summary"
if bf --db "$db" match --date 2021-06-30 --posting P6 >out.txt 2>err.txt; then fail "a closed posting matched"; fi
expect_contains "$(cat err.txt)" "没有在招的岗位 P6" "closed posting refused"

# The weights are read from the data directory: without 同县 for 就近, 甲 loses P1 and P9.
mkdir weights
cp "$checkout/data/labor_pairs.tsv" weights/
sed 's/^distance\.local\.county\t40/distance.local.county\t-/' "$checkout/data/match_weights.tsv" >weights/match_weights.tsv
bf --db "$db" match --date 2021-06-30 --top 2 --region 370811 --data weights >w.csv 2>/dev/null
expect_eq "$(rows w.csv | grep 甲)" "甲|1|P2|50" "weights from --data"
sed 's/^skill\.match\t30/skill.match\t-3/' "$checkout/data/match_weights.tsv" >weights/match_weights.tsv
if bf --db "$db" match --data weights >out.txt 2>err.txt; then fail "a negative skill.match loaded"; fi
expect_contains "$(cat err.txt)" "weights/match_weights.tsv:" "bad weights: file and line"
expect_contains "$(cat err.txt)" "不能为负" "bad weights: reason"

# A hire (a spell from the day on) takes 甲 out; an XLSX list.
printf '证件号码,单位统一社会信用代码,工作地区划代码,就业形式,开始日期\n%s,91370811MA3C00011L,370811,企业就业,2021-06-30\n' "$A" >hire.csv
bf --db "$db" import jobs hire.csv >/dev/null
bf --db "$db" match --date 2021-06-30 --top 1 --out list.xlsx 2>/dev/null
bf --db "$db" match --date 2021-06-30 --top 1 --out list.csv 2>/dev/null
if grep -q "^甲," list.csv; then fail "a hired laborer is still matched"; fi
expect_eq "$(python3 -c 'import zipfile,sys; print(sum(1 for n in zipfile.ZipFile(sys.argv[1]).namelist() if n.startswith("xl/worksheets/")))' list.xlsx)" 1 "xlsx list"
if bf --db "$db" match --date 2021-06-30 --out list.csv 2>err.txt; then fail "overwrote without --force"; fi

# Usage errors.
for args in "--top 0" "--top 101" "--date 2021-02-30" "--region 99" "--region 370811 --posting P1" "--bogus"; do
    # shellcheck disable=SC2086
    if bf --db "$db" match $args >out.txt 2>err.txt; then fail "accepted: $args"; fi
done
echo ok
