#!/bin/sh
# bangfu report --as-of DATE (issue 16 item 9) reproduces the report of that day after later
# edits: the records are read as they were at the end of DATE (services/report_as_of.c: rows
# created later left out, later changes of people, orgs, spells, trainings, posts and alliances
# undone through person_history and fact_history).  First by hand on the small county
# (tests/cli/report_data.sh), then a randomized differential check: rounds of random edits
# (several fields, a field edited again), each round's report recorded on its own day, and
# every recorded report read again with --as-of that day after all rounds.
. "$(dirname "$0")/lib.sh"
db=$(new_db)
. "$(dirname "$0")/report_data.sh"
report_data_load
sql "UPDATE batches SET started_at = '2023-09-01T02:00:00Z'" >/dev/null

# Day D's report: 附件1 of the county, two cells' records (names of people and orgs), 附件2.
report_of() {
    for a in "" "--cell 370811,6" "--cell 370811,10"; do
        # shellcheck disable=SC2086 # the cell option is two words
        bf --db "$db" report fujian1 --region 370811 --quarter 2023Q3 --as-of "$1" $a
    done
    bf --db "$db" report fujian2 --region 370811 --as-of "$1"
}
first=$(report_of 2023-09-10)

# Later edits (dated now): a name and a category (person_history), an org moved and renamed
# twice, spells ended and moved, a training and a post moved, an alliance dissolved.
cat >e_people.csv <<CSV
姓名,证件号码,户籍地区划代码,帮扶类别
甲一改,$P1,370811002001,农民工
甲六,$P6,370811005001,农民工
CSV
cat >e_orgs.csv <<CSV
统一社会信用代码,单位名称,单位类型,所在地区划代码
$W1,许庄车间新名,就业帮扶车间,370811005001
CSV
cat >e_orgs2.csv <<CSV
统一社会信用代码,单位名称,单位类型,所在地区划代码
$W1,许庄车间三名,就业帮扶车间,370811018001
CSV
cat >e_jobs.csv <<CSV
证件号码,单位统一社会信用代码,工作地区划代码,就业形式,开始日期,结束日期,项目编号
$P1,$W1,370811002001,车间就业,2023-02-01,2023-02-10,
$N2,$E1,370811005001,以工代赈,2023-05-01,2023-05-02,YG
CSV
cat >e_trainings.csv <<CSV
证件号码,培训类型,培训地区划代码,开始日期,结束日期
$P6,技能培训,370811002001,2023-04-01,2023-04-10
CSV
cat >e_posts.csv <<CSV
岗位编号,岗位名称,岗位类别,岗位类型,所在村区划代码,全日制,月补贴标准（元）,设岗日期
GY1,村庄保洁员,乡村公益性岗位,保洁环卫,370811005001,是,990,2023-01-01
CSV
cat >e_alliances.csv <<CSV
联盟名称,牵头地区划代码,成立日期,解散日期
任城劳务协作联盟,370811,2023-03-01,2023-04-01
CSV
for edit in people:e_people orgs:e_orgs orgs:e_orgs2 jobs:e_jobs trainings:e_trainings posts:e_posts alliances:e_alliances; do
    bf --db "$db" import "${edit%%:*}" "${edit#*:}.csv" >e.out 2>&1 || fail "import $edit: $(cat e.out)"
    grep -q '"rejected":0' e.out || fail "$edit rejected rows: $(cat e.out)"
done
now=$(report_of 2099-12-31)
[ "$(printf '%s\n' "$now" | sed -n 6p)" != "$(printf '%s\n' "$first" | sed -n 6p)" ] ||
    fail "the edits change the county's row of today's report"
expect_eq "$(report_of 2023-09-10)" "$first" "--as-of 2023-09-10 after the edits"

# Randomized: rounds of edits, each dated its own day; the report recorded on that day (when
# nothing later was stored) must come back unchanged with --as-of after all rounds.
seed=${AS_OF_SEED:-$(date +%s)}
echo "t1005: seed $seed (AS_OF_SEED=$seed to replay)"
for round in 1 2 3 4; do
    python3 - "$seed" "$round" "$P1" "$P2" "$P3" "$P4" "$P5" "$P6" "$N1" "$N2" "$W1" "$B1" "$C1" "$E1" <<'PY'
import random, sys
seed, rnd, p1, p2, p3, p4, p5, p6, n1, n2, w1, b1, c1, e1 = sys.argv[1:]
r = random.Random(f"{seed}/{rnd}")
towns = ["370811002001", "370811005001", "370811018001"]
ends = ["（清空）", "2023-08-15", "2023-09-12", "2023-12-31"]
pick = lambda xs: r.choice(xs)
def write(name, header, rows):
    with open(name, "w") as f:
        f.write(header + "\n" + "".join(",".join(x) + "\n" for x in rows))
people = [(p, h) for p, h in [(p1, "370811002001"), (p3, "370811002001"), (p4, "370811018001"),
                              (p6, "370811005001"), (n1, "370811002001"), (n2, "370811018001")]]
write("x_people.csv", "姓名,证件号码,户籍地区划代码,帮扶类别",
      [(f"人{rnd}{r.randint(0, 9)}", p, h, pick(["脱贫人口", "农民工"]))
       for p, h in people if r.random() < 0.6])
write("x_orgs.csv", "统一社会信用代码,单位名称,单位类型,所在地区划代码",
      [(o, f"{k}{rnd}{r.randint(0, 9)}", k, pick(towns))
       for o, k in [(w1, "就业帮扶车间"), (b1, "就业扶贫基地"), (c1, "劳务合作社"), (e1, "企业")]
       if r.random() < 0.6])
jobs = [(p1, w1, "车间就业", "2023-02-01", ""), (p3, w1, "车间就业", "2023-06-01", ""),
        (n1, w1, "车间就业", "2023-03-01", ""), (p4, e1, "以工代赈", "2023-04-01", "YG"),
        (n2, e1, "以工代赈", "2023-05-01", "YG")]
write("x_jobs.csv", "证件号码,单位统一社会信用代码,工作地区划代码,就业形式,开始日期,结束日期,项目编号",
      [(p, o, pick(towns), k, s, pick(ends), y) for p, o, k, s, y in jobs if r.random() < 0.7])
write("x_trainings.csv", "证件号码,培训类型,培训地区划代码,开始日期,结束日期",
      [(p6, "技能培训", pick(towns), "2023-04-01", pick(["2023-04-10", "2023-09-20"]))])
write("x_posts.csv", "岗位编号,岗位名称,岗位类别,岗位类型,所在村区划代码,全日制,月补贴标准（元）,设岗日期",
      [(g, "岗位", "乡村公益性岗位", "保洁环卫", pick(towns), "是", "990", "2023-01-01")
       for g in ["GY1", "GY2"] if r.random() < 0.5])
PY
    for kind in people orgs jobs trainings posts; do
        [ "$(wc -l <x_$kind.csv)" -gt 1 ] || continue
        bf --db "$db" import "$kind" "x_$kind.csv" >e.out 2>&1 || fail "round $round, $kind: $(cat e.out)"
        grep -q '"rejected":0' e.out || fail "round $round, $kind rejected: $(cat e.out; cat x_$kind.csv)"
    done
    day="2023-10-1$round"
    sql "UPDATE batches SET started_at = '${day}T02:00:00Z' WHERE started_at > '2024'" >/dev/null
    report_of "$day" >"recorded_$round.txt"
done
for round in 1 2 3 4; do
    report_of "2023-10-1$round" >"again_$round.txt"
    cmp -s "recorded_$round.txt" "again_$round.txt" ||
        fail "seed $seed: round $round's report differs read later: $(diff "recorded_$round.txt" "again_$round.txt" | head -20)"
done
expect_eq "$(report_of 2023-09-10)" "$first" "--as-of 2023-09-10 after every round"
