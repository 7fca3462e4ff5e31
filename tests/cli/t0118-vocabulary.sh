#!/bin/sh
# The 四清 fields take values from vocabularies/*.tsv: what clerks write (synonyms, any
# width, case or blanks; several 就业困难) is stored as the canonical value; an unknown word
# rejects the row naming the field and the accepted values in Chinese and English; a bureau
# adds a synonym to its own copy of the lists; a copy made before the fact lists names the
# list to add; a malformed list stops the import naming the file and line, with nothing stored.
. "$(dirname "$0")/lib.sh"
db=$(new_db)
cat >"$WORK/visit.csv" <<'CSV'
姓名,证件号码,户籍地区划代码,帮扶类别,劳动能力,就业状态,就业意愿,培训意愿,就业困难
张伟,37081119800101001X,370811,建档立卡贫困人口,半劳动力,务工,有,有,"照顾家庭
年龄大"
李秀英,370811198512310022,370811,建档立卡贫困人口,ＡＢＬＥ,外出 务工,就近就业,否,缺技能、缺技能；文化低
王强,370811200002290033,370811,建档立卡贫困人口,丧失劳动能力,未就业,无,无,
刘洋,500101197503100057,500101,即时帮扶人口,很强,务农,有,有,
陈静,500101200101010088,500101,即时帮扶人口,有劳动能力,务农,有,有,缺技能；没钱
CSV
out=$(bf --db "$db" import people "$WORK/visit.csv" 2>/dev/null)
expect_eq "$out" '{"rows":5,"inserted":3,"updated":0,"unchanged":0,"rejected":2}' "counts"
fields() {
    bf --db "$db" person show "$1" --json | python3 -c '
import json, sys
v = json.load(sys.stdin)
print("|".join(str(v[f]) for f in ("labor_ability", "employment_status", "employment_wish", "training_wish", "difficulties")))'
}
expect_eq "$(fields 37081119800101001X)" "弱劳动能力|已就业|有就业意愿|有培训意愿|家庭照护；年龄偏大" "synonyms stored canonical"
expect_eq "$(fields 370811198512310022)" "有劳动能力|县外务工|有就近就业意愿|无培训意愿|缺乏技能；文化程度低" "code, blanks, full width, repeats"
expect_eq "$(fields 370811200002290033)" "丧失劳动能力|未就业|无就业意愿|无培训意愿|None" "canonical values as they are"
errors=$(cat "$WORK/visit.csv.errors.csv")
expect_contains "$errors" "劳动能力：“很强”不在词表 labor_ability.tsv 中，可填 有劳动能力、弱劳动能力、丧失劳动能力、无劳动能力 / able to work, partly able to work, lost the ability to work, not able to work" "unknown word named with the accepted values"
expect_contains "$errors" "就业困难：“没钱”不在词表 difficulties.tsv 中，可填 缺乏技能、" "each of several values checked"
LANG=C bf --db "$db" import people "$WORK/visit.csv" --errors "$WORK/visit.en.csv" >/dev/null 2>&1
expect_contains "$(cat "$WORK/visit.en.csv")" "'很强' is not in the list labor_ability.tsv; accepted: 有劳动能力、弱劳动能力、丧失劳动能力、无劳动能力 / able to work, partly able to work, lost the ability to work, not able to work" "reason in English"

# The same people written in canonical words, or other synonyms, change nothing.
cat >"$WORK/again.csv" <<'CSV'
姓名,证件号码,户籍地区划代码,帮扶类别,劳动能力,就业状态,就业意愿,培训意愿,就业困难
张伟,37081119800101001X,370811,建档立卡贫困人口,弱劳动能力,已就业,有就业意愿,愿意,年龄偏大；家庭照护
李秀英,370811198512310022,370811,建档立卡贫困人口,普通劳动力,县外务工,有就近就业意愿,无,文化程度低，缺乏技能
CSV
out=$(bf --db "$db" import people "$WORK/again.csv")
expect_eq "$out" '{"rows":2,"inserted":0,"updated":0,"unchanged":2,"rejected":0}' "synonyms compare equal"

# A bureau adds a synonym to its copy of the lists.
cp -r vocabularies "$WORK/bureau"
sed -i 's/^able\t\(.*\)$/able\t\1|很强/' "$WORK/bureau/labor_ability.tsv"
out=$(BANGFU_VOCABULARIES="$WORK/bureau" bf --db "$db" import people "$WORK/visit.csv" 2>/dev/null)
expect_eq "$out" '{"rows":5,"inserted":1,"updated":0,"unchanged":3,"rejected":1}' "added synonym accepted"
expect_eq "$(fields 500101197503100057)" "有劳动能力|务农|有就业意愿|有培训意愿|None" "added synonym stored canonical"

# The generator draws from the same lists, by their weights: a value the bureau adds is
# generated, and imported with those lists.
cp -r vocabularies "$WORK/weights"
sed -i 's/^\(able\|lost\)\t\([^\t]*\)\t\([^\t]*\)\t[0-9]*/\1\t\2\t\3\t0/' "$WORK/weights/labor_ability.tsv"
printf 'seasonal\t季节性务工\tseasonal work\t1000\t\n' >>"$WORK/weights/employment_status.tsv"
BANGFU_VOCABULARIES="$WORK/weights" bf --db "$db" generate people --count 300 --seed 3 --region 370811 --out "$WORK/generated.csv"
abilities=$(python3 -c '
import csv, sys
print(" ".join(sorted({r["劳动能力"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))})))' "$WORK/generated.csv")
expect_eq "$abilities" "弱劳动能力 无劳动能力" "weights of the list followed (children: 无劳动能力)"
grep -q "季节性务工" "$WORK/generated.csv" || fail "a value added to the list is not generated"
if bf --db "$db" import people "$WORK/generated.csv" >/dev/null 2>&1; then :; fi
expect_contains "$(cat "$WORK/generated.csv.errors.csv")" "就业状态：“季节性务工”不在词表" "not in the shipped list"
out=$(BANGFU_VOCABULARIES="$WORK/weights" bf --db "$db" import people "$WORK/generated.csv")
expect_contains "$out" '"updated":0,' "the rows the shipped lists took are unchanged"
expect_contains "$out" '"rejected":0}' "generated list imports with its lists"

# A database written before the lists: bangfu init rewrites the stored words the lists read
# to their canonical values, with history and the summary moved along; words no list has stay,
# and status and person show name them.
db=$(new_db)
mkdir "$WORK/old"
printf 'a\t普通劳动力\ta\t1\t\nb\t很强\tb\t1\t\n' >"$WORK/old/labor_ability.tsv"
printf 'a\t务工\ta\t1\t\nb\t未就业\tb\t1\t\n' >"$WORK/old/employment_status.tsv"
printf 'a\t有\ta\t1\t\n' >"$WORK/old/employment_wish.tsv"
printf 'a\t否\ta\t1\t\n' >"$WORK/old/training_wish.tsv"
printf 'a\t缺技能\ta\t1\t\nb\t年龄大\tb\t1\t\n' >"$WORK/old/difficulties.tsv"
cat >"$WORK/old.csv" <<'CSV'
姓名,证件号码,户籍地区划代码,帮扶类别,劳动能力,就业状态,就业意愿,培训意愿,就业困难
张伟,37081119800101001X,370811,建档立卡贫困人口,普通劳动力,务工,有,否,缺技能、年龄大
李秀英,370811198512310022,370811,建档立卡贫困人口,很强,未就业,有,否,缺技能
王强,370811200002290033,370811,建档立卡贫困人口,普通劳动力,务工,,,
CSV
BANGFU_VOCABULARIES="$WORK/old" bf --db "$db" import people "$WORK/old.csv" >/dev/null
out=$(bf --db "$db" init)
expect_contains "$out" "四清字段：6 个旧写法改为词表中的规范值（10 处，批次 2）" "init rewrites the old words"
expect_contains "$out" "四清字段：1 个已存的值不在词表中（1 处，未改动；bangfu status 列出）" "init names what it left"
expect_eq "$(sql "SELECT labor_ability, employment_status, employment_wish, training_wish, COALESCE(difficulties, '') FROM people ORDER BY id_number" | tr '\n' ' ')" \
    "有劳动能力|已就业|有就业意愿|无培训意愿|缺乏技能；年龄偏大 很强|未就业|有就业意愿|无培训意愿|缺乏技能 有劳动能力|已就业||| " "stored values rewritten"
expect_eq "$(sql "SELECT COUNT(*) FROM person_history WHERE batch_id = 2")" 10 "one history row per rewritten field"
expect_eq "$(sql "SELECT old_value || '>' || new_value FROM person_history WHERE batch_id = 2 AND field = 'difficulties' AND id_number = '37081119800101001X'")" \
    "缺技能；年龄大>缺乏技能；年龄偏大" "history of a rewritten list"
expect_eq "$(sql "SELECT kind FROM batches WHERE id = 2")" vocabulary "the rewrite's batch"
want=$(sql "SELECT 'labor_ability', labor_ability, COUNT(*) FROM people GROUP BY labor_ability
    UNION ALL SELECT 'difficulties', COALESCE(difficulties, ''), COUNT(*) FROM people GROUP BY COALESCE(difficulties, '')" | sort)
got=$(sql "SELECT field, value, people FROM people_counts WHERE field IN ('labor_ability', 'difficulties') AND people > 0" | sort)
expect_eq "$got" "$want" "summary moved with the rewrite"
expect_contains "$(bf --db "$db" status)" "  不在词表：很强" "status names a value not in the list"
status=$(bf --db "$db" status --json)
expect_eq "$(printf '%s' "$status" | python3 -c 'import json,sys; b=json.load(sys.stdin)["breakdowns"]["labor_ability"]; print(b["not_in_list"], [v["people"] for v in b["values"]])')" \
    "[{'value': '很强', 'people': 1}] [2, 0, 0, 0]" "status --json: the value apart, the others counted"
expect_contains "$(bf --db "$db" person show 370811198512310022)" "注意：劳动能力“很强”不在词表 labor_ability.tsv 中" "person show names it"
expect_eq "$(json_get "$(bf --db "$db" person show 370811198512310022 --json)" not_in_list)" \
    '[{"field": "labor_ability", "value": "很强"}]' "person show --json names it"
out=$(bf --db "$db" init)
case "$out" in *旧写法*) fail "a second init rewrote again: $out" ;; esac

# A bureau's copy made before the lists of the stored facts (issue 12) holds the five 四清
# lists only: people import as before; an import of facts names the list to copy, and takes
# it once copied.
mkdir "$WORK/before_facts"
for list in labor_ability employment_status employment_wish training_wish difficulties; do
    cp "vocabularies/$list.tsv" "$WORK/before_facts/"
done
out=$(BANGFU_VOCABULARIES="$WORK/before_facts" bf --db "$db" import people "$WORK/again.csv" 2>/dev/null)
expect_contains "$out" '"rows":2,' "old lists: people"
expect_contains "$out" '"rejected":0}' "old lists: people"
cat >"$WORK/orgs.csv" <<'CSV'
统一社会信用代码,单位名称,单位类型,所在地区划代码
91370811MA3C00011L,任城区扶贫车间,扶贫车间,370811
CSV
if msg=$(BANGFU_VOCABULARIES="$WORK/before_facts" bf --db "$db" import orgs "$WORK/orgs.csv" 2>&1); then
    fail "orgs imported without org_kind.tsv"
fi
expect_contains "$msg" "词表目录“$WORK/before_facts”中没有 org_kind.tsv（本版本的导入需要它）：请把 bangfu 自带的 vocabularies/org_kind.tsv 复制到该目录" "missing list named"
msg=$(LANG=C BANGFU_VOCABULARIES="$WORK/before_facts" bf --db "$db" import orgs "$WORK/orgs.csv" 2>&1) || true
expect_contains "$msg" "the vocabulary directory '$WORK/before_facts' has no org_kind.tsv, which this version's imports need: copy vocabularies/org_kind.tsv" "missing list named (en)"
cp vocabularies/org_kind.tsv "$WORK/before_facts/"
out=$(BANGFU_VOCABULARIES="$WORK/before_facts" bf --db "$db" import orgs "$WORK/orgs.csv")
expect_eq "$out" '{"rows":1,"inserted":1,"updated":0,"unchanged":0,"rejected":0}' "list copied: orgs"

# A malformed list: the import stops naming file and line; nothing is stored.
printf 'strong\t强\tstrong\t1\t很强\n' >>"$WORK/bureau/labor_ability.tsv"
line=$(wc -l <"$WORK/bureau/labor_ability.tsv")
if msg=$(LANG=C BANGFU_VOCABULARIES="$WORK/bureau" bf --db "$db" import people "$WORK/again.csv" 2>&1); then
    fail "malformed vocabulary accepted"
fi
expect_contains "$msg" "$WORK/bureau/labor_ability.tsv:$line: '很强' already names the value of line" "file and line named"
printf 'oops\n' >"$WORK/bureau/labor_ability.tsv"
if msg=$(LANG=zh_CN.UTF-8 BANGFU_VOCABULARIES="$WORK/bureau" bf --db "$db" import people "$WORK/again.csv" 2>&1); then
    fail "malformed vocabulary accepted"
fi
expect_contains "$msg" "词表 $WORK/bureau/labor_ability.tsv 第 1 行：应有 5 列" "message in Chinese"
if BANGFU_VOCABULARIES="$WORK/missing" bf --db "$db" import people "$WORK/again.csv" 2>/dev/null; then
    fail "missing vocabulary directory accepted"
fi
echo ok
