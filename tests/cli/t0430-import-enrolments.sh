#!/bin/sh
# bangfu import enrolments: keyed by (证件号码, 学校类型, 入学日期); 学校类型 from
# vocabularies/school_kind.tsv stored as the policy codes, 全日制 是/否 (a new
# record without it is full time), 毕业日期 empty while enrolled and not before
# 入学日期; every rejection reason, re-import, update with history, a region
# reload keeping the school regions, the template.
. "$(dirname "$0")/lib.sh"
data="$(cd "$(dirname "$0")/../data" && pwd)"
db=$(new_db)
cd "$WORK"
bf --db "$db" import people "$data/people_basic.csv" >/dev/null

cat >enrolments.csv <<'CSV'
证件号码,学校类型,学校名称,学校地区划代码,全日制,入学日期,毕业日期
37081119800101001X,技工院校,济宁市技师学院,370811,是,2019-09-01,2022-06-30
370811198512310022,中职,任城区职业中等专业学校,320102,否,2019/9/1,
370811200002290033,高等职业院校,,,,20180901,2021年6月30日
500101199006150044,higher_vocational,重庆三峡职业学院,500101,yes,2020-09-01,
CSV
out=$(bf --db "$db" import enrolments enrolments.csv)
expect_eq "$out" '{"rows":4,"inserted":4,"updated":0,"unchanged":0,"rejected":0}' "good rows"
expect_eq "$(sql "SELECT id_number || '|' || school_kind || '|' || COALESCE(school_name, '-') || '|' || COALESCE(school_region, '-') || '|' || full_time || '|' || start_date || '|' || COALESCE(end_date, '-') FROM enrolments ORDER BY id_number")" \
"37081119800101001X|technical_school|济宁市技师学院|370811000000|1|2019-09-01|2022-06-30
370811198512310022|secondary_vocational|任城区职业中等专业学校|320102000000|0|2019-09-01|-
370811200002290033|higher_vocational|-|-|1|2018-09-01|2021-06-30
500101199006150044|higher_vocational|重庆三峡职业学院|500101000000|1|2020-09-01|-" \
    "stored: policy codes, 1/0 (full time unless said), ISO dates, NULL end while enrolled"
expect_eq "$(bf --db "$db" import enrolments enrolments.csv)" \
    '{"rows":4,"inserted":0,"updated":0,"unchanged":4,"rejected":0}' "re-import"

cat >bad.csv <<'CSV'
证件号码,学校类型,学校名称,学校地区划代码,全日制,入学日期,毕业日期
110101199003070011,技工院校,,,,2019-09-01,
37081119800101001X,大学,,,,2019-09-02,
37081119800101001X,技工院校,=HYPERLINK(1),,,2019-09-03,
37081119800101001X,技工院校,,12345,,2019-09-04,
37081119800101001X,技工院校,,,半日,2019-09-05,
37081119800101001X,技工院校,,,,2019-09-06,2019-09-05
37081119800101001X,技工院校,,,,,
37081119800101001X,,,,,2019-09-07,
37081119800101001X,技工院校,,,,2019-09-08,
37081119800101001X,technical_school,,,,2019/9/8,
CSV
out=$(bf --db "$db" import enrolments bad.csv 2>/dev/null)
expect_eq "$out" '{"rows":10,"inserted":1,"updated":0,"unchanged":0,"rejected":9}' "rejections"
errors=$(cat bad.csv.errors.csv)
for reason in "2,证件号码：110101199003070011 不在人员登记中" "3,\"学校类型：“大学”不在词表 school_kind.tsv 中" \
    "4,学校名称：“=HYPERLINK(1)”以 = + - @ 开头" "5,学校地区划代码：" "6,全日制：“半日”应为 是 或 否" \
    "7,毕业日期：2019-09-05 早于开始日期 2019-09-06" "8,入学日期：必填" "9,学校类型：必填" "11,与第 10 行重复"; do
    expect_contains "$errors" "$reason" "rejection reason"
done

# Update: graduated, part time; history per field.
printf 'id_number,school_kind,start,end,full_time\n370811198512310022,secondary_vocational,2019-09-01,2022-06-30,是\n' >update.csv
expect_eq "$(bf --db "$db" import enrolments update.csv)" '{"rows":1,"inserted":0,"updated":1,"unchanged":0,"rejected":0}' "update"
batch=$(sql "SELECT MAX(id) FROM batches")
expect_eq "$(sql "SELECT record_key || '|' || field || '|' || COALESCE(old_value, '-') || '|' || COALESCE(new_value, '-') FROM fact_history WHERE batch_id = $batch AND kind = 'enrolments' ORDER BY field")" \
"370811198512310022|secondary_vocational|2019-09-01|end_date|-|2022-06-30
370811198512310022|secondary_vocational|2019-09-01|full_time|0|1" "history"
expect_eq "$(bf --db "$db" import enrolments update.csv)" '{"rows":1,"inserted":0,"updated":0,"unchanged":1,"rejected":0}' "update re-imported"

# A region reload must keep the school regions.
regions_without 320102 new_regions
if LANG=C bf --db "$db" init --regions new_regions >out.txt 2>err.txt; then fail "a reload dropped a school's region"; fi
expect_contains "$(cat err.txt)" "lack the school region of 1 enrolments" "reload refused naming the enrolments"

bf template enrolments --out enrolments-template.csv 2>/dev/null || fail "template enrolments"
expect_eq "$(head -1 enrolments-template.csv | sed 's/^\xEF\xBB\xBF//' | tr -d '\r')" \
    "*证件号码,*学校类型,学校名称,学校地区划代码,全日制,*入学日期,毕业日期" "template headers"
bf template people --out people-template.csv 2>/dev/null
db2=$(new_db)
bf --db "$db2" import people people-template.csv >/dev/null
expect_eq "$(bf --db "$db2" import enrolments enrolments-template.csv)" \
    '{"rows":1,"inserted":1,"updated":0,"unchanged":0,"rejected":0}' "the enrolments template imports"
echo ok
