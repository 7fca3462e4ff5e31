#!/bin/sh
# export of the kinds of issue 14 (replies, fairs, fair_employers, fair_people, outflows,
# outflow_people), as t0760 does for the facts but on a handful of rows: each export imports
# again changing nothing and holds the import's words (labels, not codes); fairs through XLSX;
# --region keeps the fairs held in the region and the batches leaving it (输出地).
. "$(dirname "$0")/lib.sh"
db=$(new_db)
cd "$WORK"
checkout=$_lib_checkout
. "$checkout/tests/cli/match_data.sh" # people 甲..壬 ($A..$I), postings P1..P10
printf '统一社会信用代码,单位名称,单位类型,所在地区划代码\n12370811MA3C0P044C,某安置区,易地搬迁安置区,370811\n' >site.csv
bf --db "$db" import orgs site.csv >/dev/null
bf --db "$db" push --dir run1 --date 2021-06-30 --top 2 >/dev/null
run=$(sql "SELECT MAX(batch_id) FROM push_runs")
cat >replies.csv <<CSV
推送批次,证件号码,岗位编号,回复,原因,回复日期,到岗日期,月收入（元）
$run,$A,P1,已录用,,2021-07-01,2021-07-05,4200
$run,$B,P3,不愿意,离家太远,2021-07-01,,
$run,$C,P5,有意向,,2021-07-01,,
CSV
cat >fairs.csv <<'CSV'
招聘会编号,招聘会名称,招聘会类型,举办形式,举办日期,举办地区划代码,举办地点,安置区统一社会信用代码,主办单位
F1,乐业搬迁专场,乐业搬迁专场招聘,现场,2023-03-15,370811,安置区广场,12370811MA3C0P044C,任城区人社局
F2,线上专场,专场招聘,线上,2023-05-01,500101,,,
CSV
printf '招聘会编号,单位统一社会信用代码,提供岗位数,招聘人数\nF1,91370811MA3C00011L,5,30\nF2,91370811MA3C00011L,2,4\n' >fair_employers.csv
printf '招聘会编号,证件号码,参会结果,录用单位统一社会信用代码\nF1,%s,录用,91370811MA3C00011L\nF2,%s,参会,\n' "$D" "$C" >fair_people.csv
cat >outflows.csv <<'CSV'
批次编号,出发日期,输出地区划代码,输入地区划代码,输送方式,组织机构统一社会信用代码,备注
SC1,2020-03-01,500101,370811,专列,,点对点
SC2,2020-04-01,370811,110101,包机,91370811MA3C00011L,
CSV
printf '批次编号,证件号码\nSC1,%s\nSC2,%s\n' "$C" "$F" >outflow_people.csv
kinds="replies fairs fair_employers fair_people outflows outflow_people"
for kind in $kinds; do
    out=$(bf --db "$db" import "$kind" "$kind.csv" 2>&1) || fail "$kind: import: $out"
    expect_eq "$(json_get "$out" rejected)" 0 "$kind: imported"
done
for kind in $kinds; do
    bf --db "$db" export "$kind" --out "x_$kind.csv" 2>err.txt
    expect_contains "$(cat err.txt)" "条记录" "$kind: summary line"
    rows=$(($(wc -l <"x_$kind.csv") - 1))
    expect_eq "$rows" "$(($(wc -l <"$kind.csv") - 1))" "$kind: every record exported"
    out=$(bf --db "$db" import "$kind" "x_$kind.csv" 2>&1) || fail "$kind: re-import: $out"
    expect_eq "$(json_get "$out" unchanged)/$(json_get "$out" rejected)" "$rows/0" \
        "$kind: the export imported again changes nothing"
done
python3 - <<'PY' || fail "values in the import's words"
import csv
def rows(kind):
    return list(csv.DictReader(open(f"x_{kind}.csv", encoding="utf-8-sig")))
assert {r["回复"] for r in rows("replies")} == {"已录用", "不愿意", "有意向"}, rows("replies")
assert {f["招聘会类型"] for f in rows("fairs")} == {"乐业搬迁专场招聘", "专场招聘"}
assert {f["举办形式"] for f in rows("fairs")} == {"现场", "线上"}
assert {p["参会结果"] for p in rows("fair_people")} == {"录用", "参会"}
assert {o["输送方式"] for o in rows("outflows")} == {"专列", "包机"}
PY
bf --db "$db" export fairs --out x_fairs.xlsx 2>/dev/null
out=$(bf --db "$db" import fairs x_fairs.xlsx 2>&1)
expect_eq "$(json_get "$out" unchanged)/$(json_get "$out" rejected)" "2/0" "fairs through XLSX"
bf --db "$db" export fairs --region 500101 --out w_fairs.csv 2>/dev/null
expect_eq "$(tail -n +2 w_fairs.csv | cut -d, -f1 | tr -d '\r')" "F2" "fairs --region: held there"
bf --db "$db" export outflows --region 370811 --out w_outflows.csv 2>/dev/null
expect_eq "$(tail -n +2 w_outflows.csv | cut -d, -f1 | tr -d '\r')" "SC2" "outflows --region: leaving it"
echo ok
