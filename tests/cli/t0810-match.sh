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

. "$checkout/tests/cli/match_data.sh" # people 甲..壬 ($A..$I), postings P1..P10

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
