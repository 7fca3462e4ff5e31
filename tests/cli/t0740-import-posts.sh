#!/bin/sh
# bangfu import posts | assignments | post_pay | cadres (issue 13 item 4): public-welfare
# posts with village, 全日制, 资金来源 and monthly pay; an assignment is the spell of jobs
# linked to the post (employer, region, kind and income the post's); the township's pay
# sheet with its own headers and month forms; village cadres registered or not.
# Rejections, re-import, history, templates.
. "$(dirname "$0")/lib.sh"
data="$(cd "$(dirname "$0")/../data" && pwd)"
db=$(new_db)
cd "$WORK"
bf --db "$db" import people "$data/people_basic.csv" >/dev/null
cat >orgs.csv <<'CSV'
统一社会信用代码,单位名称,单位类型,所在地区划代码
91370811MA3C6Y4N2B,任城区帮扶车间,扶贫车间,370811
CSV
bf --db "$db" import orgs orgs.csv >/dev/null

cat >posts.csv <<'CSV'
岗位编号,岗位名称,岗位类别,岗位类型,所在村区划代码,用人单位统一社会信用代码,全日制,资金来源,月补贴标准（元）,设岗日期,撤岗日期
P001,村庄保洁员,乡村公益性岗位,保洁,370811002201,91370811MA3C6Y4N2B,是,扶贫专项资金,990,2020-03-01,
P002,防疫卡点,临时公益岗位,卡点值守,370811002205,,否,统筹整合资金,600.5,2020/2/1,2020年6月30日
P003,护路员,public_welfare_post,公路养护,500101017200,,,协作资金,990,,
CSV
expect_eq "$(bf --db "$db" import posts posts.csv)" \
    '{"rows":3,"inserted":3,"updated":0,"unchanged":0,"rejected":0}' "posts"
expect_eq "$(sql "SELECT post_code || '|' || job_kind || '|' || duty || '|' || village || '|' || COALESCE(employer, '-') || '|' || full_time || '|' || COALESCE(funding, '-') || '|' || COALESCE(CAST(monthly_pay AS TEXT), '-') || '|' || COALESCE(start_date, '-') || '|' || COALESCE(end_date, '-') FROM posts ORDER BY post_code")" \
"P001|public_welfare_post|cleaning|370811002201|91370811MA3C6Y4N2B|1|poverty_fund|99000|2020-03-01|-
P002|temporary_post|checkpoint|370811002205|-|0|integrated_fund|60050|2020-02-01|2020-06-30
P003|public_welfare_post|road|500101017200|-|1|cooperation_fund|99000|-|-" "posts stored as codes, fen, ISO dates"

cat >bad-posts.csv <<'CSV'
岗位编号,岗位名称,岗位类别,岗位类型,所在村区划代码,用人单位统一社会信用代码,月补贴标准（元）,设岗日期,撤岗日期
P010,保洁,企业就业,保洁,370811002201,,990,,
P011,保洁,乡村公益性岗位,扫地,370811002201,,990,,
P012,保洁,乡村公益性岗位,保洁,370811002299,,990,,
P013,保洁,乡村公益性岗位,保洁,370811002201,91370811MA3C00011L,990,,
P014,保洁,乡村公益性岗位,保洁,370811002201,,九百,,
P015,保洁,乡村公益性岗位,保洁,370811002201,,990,2020-05-01,2020-04-30
,保洁,乡村公益性岗位,保洁,370811002201,,990,,
CSV
expect_eq "$(bf --db "$db" import posts bad-posts.csv 2>/dev/null)" \
    '{"rows":7,"inserted":0,"updated":0,"unchanged":0,"rejected":7}' "bad posts"
errors=$(cat bad-posts.csv.errors.csv)
for reason in "岗位类别：应为 乡村公益性岗位 或 临时性岗位" "岗位类型：“扫地”不在词表 post_duty.tsv 中" \
    "所在村区划代码：区划代码 370811002299 不存在" "用人单位统一社会信用代码：单位 91370811MA3C00011L 不在单位名单中" \
    "月补贴标准（元）：不是金额" "撤岗日期：2020-04-30 早于开始日期 2020-05-01" "岗位编号：必填"; do
    expect_contains "$errors" "$reason" "post rejection"
done

# Assignments: spells of jobs with the post's employer, village, kind and pay.
cat >assignments.csv <<'CSV'
身份证号,岗位编号,上岗日期,离岗日期
37081119800101001x,P001,2020-03-01,
370811198512310022,P002,2020-02-01,2020-06-30
500101197503100057,P003,2020年4月1日,
CSV
expect_eq "$(bf --db "$db" import assignments assignments.csv)" \
    '{"rows":3,"inserted":3,"updated":0,"unchanged":0,"rejected":0}' "assignments"
expect_eq "$(sql "SELECT id_number || '|' || employer || '|' || start_date || '|' || COALESCE(end_date, '-') || '|' || region || '|' || kind || '|' || COALESCE(CAST(monthly_income AS TEXT), '-') || '|' || post FROM jobs ORDER BY id_number")" \
"37081119800101001X|91370811MA3C6Y4N2B|2020-03-01|-|370811002201|public_welfare_post|99000|P001
370811198512310022||2020-02-01|2020-06-30|370811002205|temporary_post|60050|P002
500101197503100057||2020-04-01|-|500101017200|public_welfare_post|99000|P003" "assignments are spells of jobs"
expect_eq "$(sql "SELECT kind FROM batches ORDER BY id DESC LIMIT 1")" "assignments" "batch kind"
expect_eq "$(bf --db "$db" import assignments assignments.csv)" \
    '{"rows":3,"inserted":0,"updated":0,"unchanged":3,"rejected":0}' "assignments re-import"

cat >bad-assignments.csv <<'CSV'
证件号码,岗位编号,上岗日期,离岗日期
37081119800101001X,P404,2021-01-01,
110101199003070011,P001,2021-01-01,
370811200002290033,P001,2021-01-01,2020-12-31
370811200002290033,,2021-01-01,
CSV
expect_eq "$(bf --db "$db" import assignments bad-assignments.csv 2>/dev/null)" \
    '{"rows":4,"inserted":0,"updated":0,"unchanged":0,"rejected":4}' "bad assignments"
errors=$(cat bad-assignments.csv.errors.csv)
for reason in "岗位编号：“P404”不在已导入的 posts 中" "110101199003070011 不在人员登记中" \
    "离岗日期：2020-12-31 早于开始日期 2021-01-01" "5,岗位编号：必填"; do
    expect_contains "$errors" "$reason" "assignment rejection"
done

# The post's pay rises: posts' history, and the spells follow on their next import.
printf 'post_code,name,job_kind,duty,village,monthly_pay\nP001,村庄保洁员,乡村公益性岗位,保洁环卫,370811002201,1100\n' >raise.csv
expect_eq "$(bf --db "$db" import posts raise.csv)" \
    '{"rows":1,"inserted":0,"updated":1,"unchanged":0,"rejected":0}' "pay raise"
expect_eq "$(sql "SELECT kind || '|' || record_key || '|' || field || '|' || old_value || '|' || new_value FROM fact_history ORDER BY batch_id")" \
    "posts|P001|monthly_pay|99000|110000" "posts history"
printf '证件号码,岗位编号,上岗日期,离岗日期\n37081119800101001X,P001,2020-03-01,2021-02-28\n' >leave.csv
expect_eq "$(bf --db "$db" import assignments leave.csv)" \
    '{"rows":1,"inserted":0,"updated":1,"unchanged":0,"rejected":0}' "leaves the post"
batch=$(sql "SELECT MAX(id) FROM batches")
expect_eq "$(sql "SELECT kind || '|' || record_key || '|' || field || '|' || COALESCE(old_value, '-') || '|' || new_value FROM fact_history WHERE batch_id = $batch ORDER BY field")" \
"jobs|37081119800101001X|91370811MA3C6Y4N2B|2020-03-01|end_date|-|2021-02-28
jobs|37081119800101001X|91370811MA3C6Y4N2B|2020-03-01|monthly_income|99000|110000" \
    "the spell's history, under jobs and its key"
# import jobs over the same spell keeps the post it is an assignment to.
cat >jobs.csv <<'CSV'
证件号码,单位统一社会信用代码,工作地区划代码,就业形式,开始日期,每月工时
37081119800101001X,91370811MA3C6Y4N2B,370811002201,公益性岗位,2020-03-01,80
CSV
expect_eq "$(bf --db "$db" import jobs jobs.csv)" \
    '{"rows":1,"inserted":0,"updated":1,"unchanged":0,"rejected":0}' "jobs over an assignment"
expect_eq "$(sql "SELECT post || '|' || hours_tenths || '|' || end_date FROM jobs WHERE id_number = '37081119800101001X'")" \
    "P001|800|2021-02-28" "the post stays"

# The township's pay sheet: its own headers, 序号 and 姓名 ignored, months as written.
cat >pay.csv <<'CSV'
序号,姓名,身份证号码,岗位编号,发放月份,应发工资,实发工资,发放时间
1,张伟,37081119800101001X,P001,2020年3月,990,990,2020-04-10
2,张伟,37081119800101001X,P001,202004,990,990,2020/5/10
3,张伟,37081119800101001X,P001,2020-05,990,,
4,李秀英,370811198512310022,P002,2020.3,600.5,600.5,2020-04-12
5,刘洋,500101197503100057,P003,2020-04-01,990,500,2020-05-15
CSV
expect_eq "$(bf --db "$db" import post_pay pay.csv)" \
    '{"rows":5,"inserted":5,"updated":0,"unchanged":0,"rejected":0}' "pay sheet"
expect_eq "$(sql "SELECT post || '|' || id_number || '|' || month || '|' || amount_due || '|' || COALESCE(CAST(amount_paid AS TEXT), '-') || '|' || COALESCE(paid_date, '-') FROM post_pay ORDER BY post, id_number, month")" \
"P001|37081119800101001X|2020-03|99000|99000|2020-04-10
P001|37081119800101001X|2020-04|99000|99000|2020-05-10
P001|37081119800101001X|2020-05|99000|-|-
P002|370811198512310022|2020-03|60050|60050|2020-04-12
P003|500101197503100057|2020-04|99000|50000|2020-05-15" "pay stored by month in fen"
expect_eq "$(bf --db "$db" import post_pay pay.csv)" \
    '{"rows":5,"inserted":0,"updated":0,"unchanged":5,"rejected":0}' "pay re-import"
cat >bad-pay.csv <<'CSV'
岗位编号,证件号码,月份,应发金额（元）,实发金额（元）,发放日期
P001,37081119800101001X,2020-13,990,990,
P001,37081119800101001X,2020-06,,,
P001,37081119800101001X,2020-07,990,,2020-08-01
P009,37081119800101001X,2020-07,990,,
P001,37081119800101001X,2020年3月,990,990,2020-04-10
P001,37081119800101001X,2020-03-15,990,990,2020-04-10
CSV
expect_eq "$(bf --db "$db" import post_pay bad-pay.csv 2>/dev/null)" \
    '{"rows":6,"inserted":0,"updated":0,"unchanged":1,"rejected":5}' "bad pay lines"
errors=$(cat bad-pay.csv.errors.csv)
for reason in "月份：“2020-13”不是月份" "3,应发金额（元）：必填" "实发金额（元）：有发放日期而没有实发金额" \
    "“P009”不在已导入的 posts 中" "7,与第 6 行重复"; do
    expect_contains "$errors" "$reason" "pay rejection"
done
# Paid at last: the unpaid month gets its amount and date, with history.
printf '岗位编号,证件号码,月份,应发金额（元）,实发金额（元）,发放日期\nP001,37081119800101001X,2020-05,990,990,2020-07-01\n' >late.csv
expect_eq "$(bf --db "$db" import post_pay late.csv)" \
    '{"rows":1,"inserted":0,"updated":1,"unchanged":0,"rejected":0}' "late payment"
batch=$(sql "SELECT MAX(id) FROM batches")
expect_eq "$(sql "SELECT kind || '|' || record_key || '|' || field || '|' || COALESCE(old_value, '-') || '|' || new_value FROM fact_history WHERE batch_id = $batch ORDER BY field")" \
"post_pay|P001|37081119800101001X|2020-05|amount_paid|-|99000
post_pay|P001|37081119800101001X|2020-05|paid_date|-|2020-07-01" "pay history"

# Village cadres: registered as poor or not; their household is kept.
cat >cadres.csv <<'CSV'
证件号码,姓名,所在村区划代码,职务,户编号,任职日期,离任日期
37081119700506001X,王强,370811002201,村党支部书记,H3708110001,2018-01-01,
370811200002290033,王强,370811002205,村委会委员,,2021-01-01,
CSV
expect_eq "$(bf --db "$db" import cadres cadres.csv)" \
    '{"rows":2,"inserted":2,"updated":0,"unchanged":0,"rejected":0}' "cadres"
expect_eq "$(sql "SELECT c.id_number || '|' || c.village || '|' || c.role || '|' || COALESCE(c.household_id, '-') FROM cadres c ORDER BY c.id_number")" \
"37081119700506001X|370811002201|村党支部书记|H3708110001
370811200002290033|370811002205|村委会委员|-" "cadres stored"
# The governance question it serves: a post holder of the household of a cadre of the village.
expect_eq "$(sql "SELECT j.id_number FROM jobs j JOIN posts p ON p.post_code = j.post JOIN people h ON h.id_number = j.id_number JOIN cadres c ON c.village = p.village AND c.household_id = h.household_id")" \
    "37081119800101001X" "the holder of P001 shares the household of a cadre of its village"
printf '证件号码,姓名,所在村区划代码,职务\n37081119700506001,赵六,370811002201,会计\n' >bad-cadres.csv
bf --db "$db" import cadres bad-cadres.csv >/dev/null 2>&1
expect_contains "$(cat bad-cadres.csv.errors.csv)" "证件号码" "a bad ID number is rejected"

# Each template imports as it is once the template's person and organisation are stored.
db2=$(new_db)
for kind in people orgs posts assignments post_pay cadres; do
    bf template $kind --out $kind-template.csv 2>/dev/null || fail "template $kind"
done
expect_eq "$(head -1 assignments-template.csv | tr -d '\r' | sed 's/^\xef\xbb\xbf//')" "*证件号码,*岗位编号,*上岗日期,离岗日期" \
    "the assignment template has no column taken from the post"
for kind in people orgs posts assignments post_pay cadres; do
    expect_eq "$(bf --db "$db2" import $kind $kind-template.csv)" \
        '{"rows":1,"inserted":1,"updated":0,"unchanged":0,"rejected":0}' "the $kind template imports"
done
echo ok
