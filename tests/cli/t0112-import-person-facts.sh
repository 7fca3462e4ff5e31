#!/bin/sh
# The person facts the policies read as registry columns: 三无 and 有就业意愿
# (是/否, stored 1/0, NULL when no list stated them; changes and clearing
# written to history), their value by the rule of person_facts.h (the stated
# column wins, else derived from 就业困难 / 就业意愿) in person show, and the
# categories the policy files name accepted by the import.
. "$(dirname "$0")/lib.sh"
db=$(new_db)
cd "$WORK"

cat >facts.csv <<'CSV'
姓名,证件号码,户籍地区划代码,帮扶类别,就业意愿,就业困难,三无,有就业意愿
张伟,37081119800101001X,370811,建档立卡贫困人口,有外出务工意愿,三无人员,是,否
李秀英,370811198512310022,370811,未就业高校毕业生；脱贫人口,,三无人员,,
王强,370811200002290033,370811,农民工、长期失业青年,无就业意愿,缺乏技能,ｎｏ,
陈静,500101199006150044,500101,雨露计划毕业生,,,,
刘洋,500101197503100057,500101,建档立卡贫困人口,,,也许,有点
CSV
out=$(bf --db "$db" import people facts.csv)
expect_eq "$out" '{"rows":5,"inserted":4,"updated":0,"unchanged":0,"rejected":1}' "import with the facts"
expect_eq "$(sed -n 2p facts.csv.errors.csv | tr -d '\r')" \
    "刘洋,500101197503100057,500101,建档立卡贫困人口,,,也许,有点,6,三无：“也许”应为 是 或 否；有就业意愿：“有点”应为 是 或 否" \
    "a flag that is neither 是 nor 否 is refused, naming the column"
expect_eq "$(sql "SELECT id_number || '|' || COALESCE(CAST(three_no AS TEXT), 'null') || '|' || COALESCE(CAST(wants_job AS TEXT), 'null') || '|' || categories FROM people ORDER BY id_number")" \
"37081119800101001X|1|0|建档立卡贫困人口
370811198512310022|null|null|脱贫人口；未就业高校毕业生
370811200002290033|0|null|农民工；长期失业青年
500101199006150044|null|null|雨露计划毕业生" "stored as 1/0, NULL when not stated; the policy files' categories in canonical order"

# The value the policies read: stated wins, else derived, else unknown (read as no).
facts() {
    bf --db "$db" person show "$1" --json | python3 -c '
import json, sys
v = json.load(sys.stdin)
print(" ".join("%s=%s:%s:%s" % (k, v[k], f["value"], f["origin"] + ("/" + f["from"] if f["from"] else ""))
               for k, f in ((k, v["facts"][k]) for k in ("three_no", "wants_job"))))'
}
expect_eq "$(facts 37081119800101001X)" "three_no=是:True:stated/three_no wants_job=否:False:stated/wants_job" \
    "stated columns win over 三无人员 and 有外出务工意愿"
expect_eq "$(facts 370811198512310022)" "three_no=None:True:derived/difficulties wants_job=None:False:unknown" \
    "三无 derived from 就业困难; nothing to derive 有就业意愿 from"
expect_eq "$(facts 370811200002290033)" "three_no=否:False:stated/three_no wants_job=None:False:derived/employment_wish" \
    "有就业意愿 derived from 无就业意愿"
text=$(bf --db "$db" person show 370811198512310022)
expect_contains "$text" "三无：是（由 就业困难 推出）" "text form of a derived flag"
expect_contains "$text" "有就业意愿：（未说明，按否）" "text form of an unknown flag"
expect_contains "$(bf --db "$db" person show 37081119800101001X)" "三无：是
有就业意愿：否" "text form of stated flags"
expect_contains "$(LANG=C bf --db "$db" person show 370811198512310022)" "three_no: yes (derived from difficulties)" \
    "English text form"

# Re-import: unchanged.  Absent columns and empty cells keep; a change and （清空） write history.
out=$(bf --db "$db" import people facts.csv)
expect_eq "$out" '{"rows":5,"inserted":0,"updated":0,"unchanged":4,"rejected":1}' "re-import unchanged"
printf '姓名,证件号码,户籍地区划代码,帮扶类别\n张伟,37081119800101001X,370811,建档立卡贫困人口\n' >absent.csv
expect_eq "$(bf --db "$db" import people absent.csv)" '{"rows":1,"inserted":0,"updated":0,"unchanged":1,"rejected":0}' \
    "absent columns keep the facts"
cat >change.csv <<'CSV'
姓名,证件号码,户籍地区划代码,帮扶类别,三无,有就业意愿
张伟,37081119800101001X,370811,建档立卡贫困人口,否,（清空）
王强,370811200002290033,370811,农民工；长期失业青年,,yes
CSV
expect_eq "$(bf --db "$db" import people change.csv)" '{"rows":2,"inserted":0,"updated":2,"unchanged":0,"rejected":0}' \
    "changes"
expect_eq "$(sql "SELECT field || ':' || COALESCE(old_value, 'null') || '>' || COALESCE(new_value, 'null') FROM person_history ORDER BY id_number, field")" \
"three_no:1>0
wants_job:0>null
wants_job:null>1" "history of the flags (stored 1/0)"
history=$(bf --db "$db" person show 37081119800101001X --json | python3 -c '
import json, sys
print(" ".join("%s:%s>%s" % (h["label"], h["old_value"], h["new_value"]) for h in json.load(sys.stdin)["history"]))')
expect_eq "$history" "三无:是>否 有就业意愿:否>None" "person show gives the history as 是/否"
expect_eq "$(bf --db "$db" import people change.csv)" '{"rows":2,"inserted":0,"updated":0,"unchanged":2,"rejected":0}' \
    "changes re-imported"
# --clear-empty clears them too.
printf '姓名,证件号码,户籍地区划代码,帮扶类别,三无\n王强,370811200002290033,370811,农民工；长期失业青年,\n' >empty.csv
expect_eq "$(bf --db "$db" import people --clear-empty empty.csv)" '{"rows":1,"inserted":0,"updated":1,"unchanged":0,"rejected":0}' \
    "--clear-empty"
expect_eq "$(sql "SELECT COALESCE(CAST(three_no AS TEXT), 'null') FROM people WHERE id_number = '370811200002290033'")" "null" \
    "--clear-empty cleared 三无"

# Header synonyms, and an unknown category still names the accepted ones, the new ones included.
printf '姓名,证件号码,户籍地区划代码,帮扶类别,是否三无人员,是否有就业意愿\n陈静,500101199006150044,500101,贫困户,是,是\n' >synonyms.csv
bf --db "$db" import people synonyms.csv >/dev/null
expect_contains "$(cat synonyms.csv.errors.csv)" "、农民工、未就业高校毕业生、长期失业青年、雨露计划毕业生、境外劳务输出人员、行动不便人员）" \
    "the categories the import accepts"
printf '姓名,证件号码,户籍地区划代码,帮扶类别,是否三无人员,是否有就业意愿\n陈静,500101199006150044,500101,雨露计划毕业生,是,是\n' >synonyms.csv
expect_eq "$(bf --db "$db" import people synonyms.csv)" '{"rows":1,"inserted":0,"updated":1,"unchanged":0,"rejected":0}' \
    "是否三无人员 and 是否有就业意愿 name the columns"
expect_eq "$(sql "SELECT three_no + wants_job FROM people WHERE id_number = '500101199006150044'")" "2" "synonym columns stored"
# Calc on stored data reads the flags by the same rule, and insured from the insurance list.
printf '证件号码,险种,参保状态\n370811198512310022,失业保险,在保\n37081119800101001X,失业保险,暂停缴费\n' >insurance.csv
bf --db "$db" import insurance insurance.csv >/dev/null
flags() {
    bf --db "$db" situation --person "$1" --from 2020-01 --to 2020-12 | python3 -c '
import json, sys
p = json.load(sys.stdin)["people"][0]
print(" ".join("%s=%s" % (k, p.get(k, False)) for k in ("three_no", "wants_job", "insured")))'
}
expect_eq "$(flags 370811198512310022)" "three_no=True wants_job=False insured=True" \
    "situation: 三无 derived from 就业困难, insured by a paying line"
expect_eq "$(flags 37081119800101001X)" "three_no=False wants_job=True insured=False" \
    "situation: stated 三无 否 wins over 三无人员, 有就业意愿 (cleared) derived from 有外出务工意愿, a suspended line is not insured"
[ "$(count_dangling)" = 0 ] || fail "dangling rows"
echo ok
