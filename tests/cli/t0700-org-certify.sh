#!/bin/sh
# bangfu org certify: a 认定 checks the rule of the policy files that applies where the
# organisation lies (晋人社厅函〔2020〕127号 六 in 山西: free premises and 10 or more poor
# laborers employed on the day; 济人社字〔2020〕47号 四(二)5 in 济宁: 10 hires or 20% of staff,
# stable 6 months, contract, insured) over the stored spells of that day, refuses saying the
# condition and the value found, --force records an exception with its reason; 升级/扶持/调整/
# 退出 need the carrier held that day; org show says the status on a day; import certifications
# records decisions already taken (template, re-import, history).
. "$(dirname "$0")/lib.sh"
here="$(cd "$(dirname "$0")" && pwd)"
id() { python3 "$here/carrier_data.py" id "$@"; }
code() { python3 "$here/carrier_data.py" code "$@"; }
db=$(new_db)
cd "$WORK"

W=$(code 140105 1)   # 山西 小店区: an enterprise on free premises
W2=$(code 140105 2)  # the same hires, premises not free
H=$(code 130102 3)   # 河北: no rule of the policy files
J=$(code 370811 4)   # 济宁 任城区: a workshop hiring 万州 laborers, staff 10
{
    echo "姓名,证件号码,户籍地区划代码,帮扶类别"
    for i in $(seq 1 11); do echo "人$i,$(id 140105 19800101 $i),140105,建档立卡贫困人口"; done
    for i in 1 2; do echo "万$i,$(id 500101 19850101 $i),500101,建档立卡贫困人口"; done
} >people.csv
bf --db "$db" import people people.csv >/dev/null
cat >orgs.csv <<CSV
统一社会信用代码,单位名称,单位类型,所在地区划代码,职工人数,免费提供场地
$W,小店扶贫车间,企业,140105,30,是
$W2,小店某厂,企业,140105,30,否
$H,河北某车间,扶贫车间,130102,30,是
$J,任城区帮扶车间,扶贫车间,370811,10,否
CSV
bf --db "$db" import orgs orgs.csv >/dev/null
# Eleven from 2020-03-01 at W and W2; one leaves on 06-10 and one on 06-20: 11, 10, 9 on the day.
{
    echo "证件号码,单位统一社会信用代码,工作地区划代码,就业形式,开始日期,结束日期,劳动合同期限（月）"
    for i in $(seq 1 11); do
        end=""
        [ "$i" = 11 ] && end=2020-06-10
        [ "$i" = 10 ] && end=2020-06-20
        echo "$(id 140105 19800101 $i),$W,140105,企业就业,2020-03-01,$end,"
        echo "$(id 140105 19800101 $i),$W2,140105,企业就业,2020-03-01,$end,"
    done
    for i in 1 2; do echo "$(id 500101 19850101 $i),$J,370811,车间就业,2020-01-01,,12"; done
} >jobs.csv
bf --db "$db" import jobs jobs.csv >/dev/null
{
    echo "证件号码,险种,参保状态"
    for i in 1 2; do echo "$(id 500101 19850101 $i),企业职工基本养老保险,参保缴费"; done
} >insurance.csv
bf --db "$db" import insurance insurance.csv >/dev/null

certify() { bf --db "$db" org certify "$@" --document 小人社〔2020〕1号 --body 小店区人力资源和社会保障局; }

# 9 hires on 06-25: refused with the clause, the condition and the count; nothing stored.
if out=$(certify "$W" --as 扶贫车间 --date 2020-06-25 2>&1); then fail "certified with 9 hires"; fi
expect_contains "$out" "不予认定：不符合 晋人社厅函〔2020〕127号 六（shanxi127.workshop_certified）：条件 hires_at_least 10 不成立（实际：9）" "refusal names the rule and the count"
expect_contains "$out" "--force" "refusal says how to record an exception"
expect_eq "$(sql "SELECT COUNT(*) FROM certifications")" 0 "nothing stored on a refusal"
expect_contains "$(LANG=C certify "$W" --as workshop --date 2020-06-25 2>&1 || true)" \
    "not certified: does not meet 晋人社厅函〔2020〕127号 六 (shanxi127.workshop_certified): hires_at_least 10 does not hold (found: 9)" "English refusal"
# 10 on 06-15 (the one who left on 06-10 does not count, 10 or more holds): certified.
out=$(certify "$W" --as 扶贫车间 --date 2020-06-15 --reason 吸纳10人 2>/dev/null)
expect_contains "$out" '"carrier":"workshop","date":"2020-06-15","action":"certify","rule":"shanxi127.workshop_certified","rule_holds":true,"exception":null' "certified"
expect_eq "$(sql "SELECT org_code || '|' || carrier || '|' || decided_on || '|' || action || '|' || document || '|' || body || '|' || reason || '|' || COALESCE(exception, '-') || '|' || rule FROM certifications")" \
    "$W|workshop|2020-06-15|certify|小人社〔2020〕1号|小店区人力资源和社会保障局|吸纳10人|-|shanxi127.workshop_certified" "stored decision"
expect_eq "$(sql "SELECT kind FROM batches WHERE id = (SELECT created_batch FROM certifications)")" certify "batch of kind certify"
# Certified already: a second 认定 is refused before any rule; the same decision again too.
out=$(certify "$W" --as workshop --date 2020-07-15 2>&1 || true)
expect_contains "$out" "单位 $W 在 2020-07-15 已认定为 workshop，不能再次认定（先退出）" "no second certification"
out=$(certify "$W" --as workshop --date 2020-06-15 2>&1 || true)
expect_contains "$out" "已有 2020-06-15 的认定决定" "the same decision twice"
# 扶持 and 退出 while held; 升级 after the exit is refused; show on a day and today.
certify "$W" --as workshop --action 扶持 --date 2020-08-01 --reason 奖补 >/dev/null 2>&1 || fail "support"
certify "$W" --as workshop --action exit --date 2020-12-31 >/dev/null 2>&1 || fail "exit"
out=$(certify "$W" --as workshop --action 升级 --date 2021-01-05 2>&1 || true)
expect_contains "$out" "在 2021-01-05 未认定为 workshop，不能升级（先认定）" "no upgrade after the exit"
expect_eq "$(bf --db "$db" org show "$W" --date 2020-08-01 --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["status"]["workshop"], [x["action"] for x in d["decisions"]])')" \
    "certified ['certify', 'support', 'exit']" "held between certify and exit"
expect_eq "$(bf --db "$db" org show "$W" --date 2021-01-01 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"]["workshop"])')" not_certified "not certified after the exit"
expect_eq "$(bf --db "$db" org show "$W" --date 2020-06-14 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"]["workshop"])')" not_certified "not yet the day before"
expect_contains "$(bf --db "$db" org show "$W" --date 2020-09-01)" "已认定" "text show"

# The premises are not free: refused on that condition; --force records the exception.
out=$(certify "$W2" --as workshop --date 2020-06-15 2>&1 || true)
expect_contains "$out" "条件 org_free_premises 不成立（实际：否）" "free premises required"
out=$(certify "$W2" --as workshop --date 2020-06-15 --force "区政府专题会议：自有厂房按车间管理" 2>/dev/null)
expect_contains "$out" '"rule_holds":false,"exception":"区政府专题会议：自有厂房按车间管理"' "forced"
expect_eq "$(sql "SELECT exception || '|' || rule FROM certifications WHERE org_code = '$W2'")" "区政府专题会议：自有厂房按车间管理|shanxi127.workshop_certified" "exception stored with the rule"
# --force without a reason is a usage error.
if certify "$W2" --as workshop --date 2020-07-01 --force "" 2>/dev/null; then fail "empty --force"; fi

# 河北: no rule applies there; refused saying so, forced as an exception without a rule.
out=$(certify "$H" --as workshop --date 2020-06-15 2>&1 || true)
expect_contains "$out" "政策文件中没有在 2020-06-15 适用于 $H（所在地 130102000000）认定为 workshop 的规则" "no rule"
certify "$H" --as workshop --date 2020-06-15 --force 省厅批复 >/dev/null 2>&1 || fail "forced without rule"
expect_eq "$(sql "SELECT COALESCE(rule, '-') || '|' || exception FROM certifications WHERE org_code = '$H'")" "-|省厅批复" "no rule stored"

# 济宁: two 万州 laborers of ten staff (20%), stable 6 months by 07-01 with a contract, insured.
out=$(certify "$J" --as workshop --date 2020-06-15 2>&1 || true)
expect_contains "$out" "jining47.base_qualified" "济宁's rule applies in 济宁"
expect_contains "$out" "不成立" "not 6 months yet on 06-15"
out=$(certify "$J" --as workshop --date 2020-07-01 2>/dev/null)
expect_contains "$out" '"rule":"jining47.base_qualified","rule_holds":true' "20% of staff"
# The same organisation as a base under the same rule; a relocation site has no rule in 济宁.
out=$(certify "$J" --as 就业扶贫基地 --date 2020-07-01 2>/dev/null)
expect_contains "$out" '"carrier":"base"' "base"
out=$(certify "$J" --as 安置区 --date 2020-07-01 2>&1 || true)
expect_contains "$out" "认定为 relocation_site 的规则" "no relocation site rule"

# Usage: unknown kind, bad date, bad code, unknown organisation, a missing option.
out=$(certify "$W" --as 工厂 --date 2020-06-15 2>&1 || true)
expect_contains "$out" "--as“工厂”不在词表 carrier_kind.tsv 中" "unknown kind"
out=$(certify "$W" --as workshop --date 2020-02-30 2>&1 || true)
expect_contains "$out" "--date“2020-02-30”不是日期" "bad date"
out=$(certify 91140105MA00000150 --as workshop --date 2020-06-15 2>&1 || true)
expect_contains "$out" "91140105MA00000150" "bad code"
out=$(certify "$(code 140105 99)" --as workshop --date 2020-06-15 2>&1 || true)
expect_contains "$out" "不在单位名单中" "unknown organisation"
out=$(bf --db "$db" org certify "$W" --as workshop --date 2020-06-15 2>&1 || true)
expect_contains "$out" "缺少 --document" "document required"

# import certifications: decisions already taken, as any fact list (key, history, re-import).
bf template certifications --out template.csv 2>/dev/null
expect_eq "$(head -1 template.csv | sed '1s/^\xEF\xBB\xBF//' | tr -d '\r')" "*统一社会信用代码,*载体类型,*决定日期,*决定类型,*文号,*决定机关,理由,例外理由" "template headers"
cat >decisions.csv <<CSV
统一社会信用代码,载体类型,决定日期,决定类型,文号,决定机关,理由
$W2,劳务合作社,2019-05-01,认定,小政发〔2019〕3号,小店区人民政府,
$W2,合作社,2020/1/2,退出,小政发〔2020〕1号,小店区人民政府,停业
$W2,工厂,2020-01-02,认定,x,y,
$W2,cooperative,2020-03-01,撤销,,y,
CSV
out=$(bf --db "$db" import certifications decisions.csv 2>/dev/null)
expect_eq "$out" '{"rows":4,"inserted":2,"updated":0,"unchanged":0,"rejected":2}' "import certifications"
expect_contains "$(cat decisions.csv.errors.csv)" "载体类型：“工厂”不在词表 carrier_kind.tsv 中" "carrier kind checked"
expect_contains "$(cat decisions.csv.errors.csv)" "文号：必填" "document required"
out=$(bf --db "$db" import certifications decisions.csv 2>/dev/null)
expect_eq "$out" '{"rows":4,"inserted":0,"updated":0,"unchanged":2,"rejected":2}' "re-import"
sed -i 's/,停业$/,停业整顿/' decisions.csv
bf --db "$db" import certifications decisions.csv >/dev/null 2>&1
expect_eq "$(sql "SELECT record_key || '|' || field || '|' || old_value || '|' || new_value FROM fact_history WHERE kind = 'certifications'")" \
    "$W2|cooperative|2020-01-02|exit|reason|停业|停业整顿" "history of a changed reason"
expect_eq "$(bf --db "$db" org show "$W2" --date 2019-12-01 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')" \
    "{'cooperative': 'certified', 'workshop': 'not_certified'}" "imported decisions read by show"
