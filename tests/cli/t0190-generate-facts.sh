#!/bin/sh
# generate facts: one seed gives the same files, people.csv holds the people
# of `generate people` with the same seed, count and regions, the proportions
# asked by issue 12 item 7 hold, and every file imports without a single
# rejected row (a kind whose import is not there yet has its header checked
# against the columns of issue 12 items 1-3 instead).
. "$(dirname "$0")/lib.sh"
db=$(new_db)

bf --db "$db" generate facts --count 3000 --seed 11 --dir "$WORK/a" >"$WORK/a.json"
bf --db "$db" generate facts --count 3000 --seed 11 --dir "$WORK/b" >/dev/null
bf --db "$db" generate facts --count 3000 --seed 12 --dir "$WORK/c" >/dev/null
kinds="people orgs certifications alliances alliance_members brands projects jobs trainings enrolments residences insurance postings posts assignments post_pay cadres poverty"
for kind in $kinds; do
    cmp -s "$WORK/a/$kind.csv" "$WORK/b/$kind.csv" || fail "$kind: same seed, different files"
    expect_eq "$(json_get "$(cat "$WORK/a.json")" "$kind")" "$(($(wc -l <"$WORK/a/$kind.csv") - 1))" \
        "$kind: rows said and written"
done
if cmp -s "$WORK/a/jobs.csv" "$WORK/c/jobs.csv"; then fail "another seed, same jobs"; fi

# The people are those of `generate people` (same seed, count and regions), two columns added.
bf --db "$db" generate people --count 3000 --seed 11 --region 370800 --region 500101 \
    --out "$WORK/people.csv"
tr -d '\r' <"$WORK/a/people.csv" | cut -d, -f1-14 >"$WORK/people14.csv"
tr -d '\r' <"$WORK/people.csv" >"$WORK/people_only.csv"
cmp -s "$WORK/people14.csv" "$WORK/people_only.csv" || fail "people.csv is not generate people's list"
expect_eq "$(head -1 "$WORK/a/people.csv" | tr -d '\r' | cut -d, -f15-)" "三无,有就业意愿" "people: added columns"

# Proportions: about a third with a spell, organisations with 10+ hires, 万州区 people
# working in 济宁, every reference to a person or organisation known.
python3 - "$WORK/a" <<'PY' || fail "proportions"
import csv, collections, sys
d = sys.argv[1]
def rows(kind):
    return list(csv.DictReader(open(f"{d}/{kind}.csv", encoding="utf-8-sig")))
people, orgs, jobs = rows("people"), rows("orgs"), rows("jobs")
ids = {p["证件号码"] for p in people}
codes = {o["统一社会信用代码"]: o["单位类型"] for o in orgs}
share = len({j["证件号码"] for j in jobs}) / len(people)
assert 0.25 <= share <= 0.42, f"share of people with a spell {share}"
hires = collections.Counter(j["单位统一社会信用代码"] for j in jobs if j["单位统一社会信用代码"])
assert sum(n >= 10 for n in hires.values()) >= 5, "organisations with 10+ hires"
jining = [j for j in jobs if j["证件号码"].startswith("500101") and j["工作地区划代码"].startswith("3708")]
assert len(jining) >= 20, f"万州区 people working in 济宁: {len(jining)}"
assert set(codes.values()) == {"企业", "扶贫车间", "就业扶贫基地", "人力资源服务机构", "劳务经纪人",
                               "劳务合作社", "农业经营主体", "培训机构", "易地搬迁安置区"}, codes.values()
for kind, column in [("jobs", "单位统一社会信用代码"), ("jobs", "输出机构统一社会信用代码"),
                     ("trainings", "培训机构统一社会信用代码"), ("residences", "安置区统一社会信用代码")]:
    for r in rows(kind):
        assert r[column] == "" or r[column] in codes, f"{kind}: unknown org {r[column]}"
for kind in ["jobs", "trainings", "enrolments", "residences", "insurance"]:
    table = rows(kind)
    assert table, f"{kind}: no rows"
    assert all(r["证件号码"] in ids for r in table), f"{kind}: unknown person"
for r in rows("residences"):
    assert codes[r["安置区统一社会信用代码"]] == "易地搬迁安置区"
assert sum(p["三无"] == "是" for p in people) > 0, "三无"
PY

# Each file imports without a rejected row; until a kind's import exists, its header
# is checked against the columns of issue 12 (the import's usage names the kinds it has).
header_orgs="统一社会信用代码,单位名称,单位类型,所在地区划代码,职工人数,免费提供场地,联系人,联系电话"
header_jobs="证件号码,单位统一社会信用代码,工作地区划代码,就业形式,开始日期,结束日期,劳动合同期限（月）,参保月数,月收入（元）,每月工时,输出机构统一社会信用代码,交通费用（元）,项目编号"
header_trainings="证件号码,培训机构统一社会信用代码,培训类型,培训地区划代码,开始日期,结束日期,培训天数,总课时,线上学时,证书等级,培训费用（元）"
header_enrolments="证件号码,学校类型,学校名称,学校地区划代码,全日制,入学日期,毕业日期"
header_residences="证件号码,安置区统一社会信用代码,入住日期"
header_insurance="证件号码,险种,参保状态,参保日期"
for kind in $kinds; do
    if bf --db "$db" import "$kind" "$WORK/a/$kind.csv" >"$WORK/out" 2>"$WORK/err"; then
        expect_eq "$(json_get "$(cat "$WORK/out")" rejected)" 0 "$kind: rejected rows"
        expect_eq "$(json_get "$(cat "$WORK/out")" rows)" "$(json_get "$(cat "$WORK/a.json")" "$kind")" \
            "$kind: rows imported"
    elif grep -q "usage: bangfu import people\|用法：bangfu import people" "$WORK/err" &&
        ! grep -q "import $kind" "$WORK/err"; then
        eval expected=\$header_$kind
        expect_eq "$(head -1 "$WORK/a/$kind.csv" | sed '1s/^\xEF\xBB\xBF//' | tr -d '\r')" "$expected" \
            "$kind: header (no import yet)"
        echo "note: no import $kind yet; its header checked" >&2
    else
        fail "$kind: import failed: $(cat "$WORK/err") $(cat "$WORK/out")"
    fi
done

# Posts (issue 13): holders without another spell, pay for their months, cadres in each
# village, the poverty office listing nearly everyone with a few differences and outsiders.
out=$(bf --db "$db" compare poverty --date 2021-06-30)
python3 - "$out" "$WORK/a" <<'PY' || fail "posts and the poverty list"
import csv, json, sys
found, d = json.loads(sys.argv[1])["findings"], sys.argv[2]
def rows(kind):
    return list(csv.DictReader(open(f"{d}/{kind}.csv", encoding="utf-8-sig")))
people = rows("people")
assert found["list_only"] > 0 and found["differs"] > 0, found
assert 0 < found["registry_only"] < len(people) / 10, found
spells = {j["证件号码"] for j in rows("jobs") if not j["结束日期"]}
holders = [a["证件号码"] for a in rows("assignments")]
assert holders and not spells & set(holders), "a post holder with another ongoing spell"
assert len(rows("post_pay")) >= len(holders), "pay"
assert {c["所在村区划代码"] for c in rows("cadres")} == {p["户籍地区划代码"] for p in people}, "cadres"
PY
