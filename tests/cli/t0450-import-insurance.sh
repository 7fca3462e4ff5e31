#!/bin/sh
# bangfu import insurance: one line per person and scheme (证件号码, 险种), 险种 and
# 参保状态 from vocabularies/insurance_scheme.tsv and insurance_status.tsv stored as
# their codes; the status code paying is the policy fact insured.  Rejections,
# re-import, a status change with history, the template.
. "$(dirname "$0")/lib.sh"
data="$(cd "$(dirname "$0")/../data" && pwd)"
db=$(new_db)
cd "$WORK"
bf --db "$db" import people "$data/people_basic.csv" >/dev/null

cat >insurance.csv <<'CSV'
证件号码,险种,参保状态,参保日期
37081119800101001X,企业职工基本养老保险,参保缴费,2020-03-01
37081119800101001X,失业保险,正常缴费,2020-03-01
370811198512310022,居民养老保险,暂停缴费,2015/1/1
370811200002290033,城乡居民基本养老保险,领取待遇,
500101199006150044,医保,终止参保,2012-01-01
CSV
expect_eq "$(bf --db "$db" import insurance insurance.csv)" \
    '{"rows":5,"inserted":5,"updated":0,"unchanged":0,"rejected":0}' "good rows"
expect_eq "$(sql "SELECT id_number || '|' || scheme || '|' || status || '|' || COALESCE(since, '-') FROM insurance ORDER BY id_number, scheme")" \
"37081119800101001X|employee_pension|paying|2020-03-01
37081119800101001X|unemployment|paying|2020-03-01
370811198512310022|resident_pension|suspended|2015-01-01
370811200002290033|resident_pension|pensioner|-
500101199006150044|medical|ended|2012-01-01" "stored as the lists' codes"
expect_eq "$(sql "SELECT COUNT(DISTINCT id_number) FROM insurance WHERE status = 'paying'")" 1 \
    "insured: only the person whose line is paying"
expect_eq "$(bf --db "$db" import insurance insurance.csv)" \
    '{"rows":5,"inserted":0,"updated":0,"unchanged":5,"rejected":0}' "re-import"

cat >bad.csv <<'CSV'
证件号码,险种,参保状态,参保日期
110101199003070011,失业保险,参保缴费,
370811198512310022,商业保险,参保缴费,
370811198512310022,失业保险,还行,
370811198512310022,失业保险,,
370811198512310022,失业保险,参保缴费,2020-02-30
500101197503100057,工伤保险,参保缴费,
500101197503100057,工伤险,参保缴费,
CSV
out=$(bf --db "$db" import insurance bad.csv 2>/dev/null)
expect_eq "$out" '{"rows":7,"inserted":1,"updated":0,"unchanged":0,"rejected":6}' "rejections"
errors=$(cat bad.csv.errors.csv)
for reason in "2,证件号码：110101199003070011 不在人员登记中" "3,\"险种：“商业保险”不在词表 insurance_scheme.tsv 中" \
    "4,\"参保状态：“还行”不在词表 insurance_status.tsv 中" "5,参保状态：必填" "6,参保日期：“2020-02-30”不是日期" \
    "8,与第 7 行重复"; do
    expect_contains "$errors" "$reason" "rejection reason"
done

# The suspended contributions resume: one history row.
printf 'id_number,scheme,status\n370811198512310022,resident_pension,参保\n' >resume.csv
expect_eq "$(bf --db "$db" import insurance resume.csv)" '{"rows":1,"inserted":0,"updated":1,"unchanged":0,"rejected":0}' "resume"
batch=$(sql "SELECT MAX(id) FROM batches")
expect_eq "$(sql "SELECT record_key || '|' || field || '|' || old_value || '|' || new_value FROM fact_history WHERE batch_id = $batch")" \
    "370811198512310022|resident_pension|status|suspended|paying" "history"
expect_eq "$(sql "SELECT COUNT(DISTINCT id_number) FROM insurance WHERE status = 'paying'")" 3 "now insured (and the 工伤保险 line of bad.csv)"

bf template insurance --out insurance-template.csv 2>/dev/null || fail "template insurance"
expect_eq "$(sed -n 2p insurance-template.csv | tr -d '\r')" "37081119800101001X,企业职工基本养老保险,参保缴费,2020-03-01" \
    "template example"
bf template people --out people-template.csv 2>/dev/null
db2=$(new_db)
bf --db "$db2" import people people-template.csv >/dev/null
expect_eq "$(bf --db "$db2" import insurance insurance-template.csv)" \
    '{"rows":1,"inserted":1,"updated":0,"unchanged":0,"rejected":0}' "the insurance template imports"
echo ok
