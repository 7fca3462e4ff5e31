#!/bin/sh
# bangfu import trainings: keyed by (证件号码, 培训机构统一社会信用代码, 培训类型,
# 开始日期) against registered people and stored organisations; 培训类型 from
# vocabularies/training_kind.tsv stored as the policy codes, hours with one
# decimal as tenths (online not above total), days within the dates, 证书等级
# 初级/中级/高级, cost in fen; every rejection reason, re-import, update with
# history, a region reload keeping the training regions, the template.
. "$(dirname "$0")/lib.sh"
data="$(cd "$(dirname "$0")/../data" && pwd)"
db=$(new_db)
cd "$WORK"
bf --db "$db" import people "$data/people_basic.csv" >/dev/null
bf --db "$db" import orgs "$data/orgs_training_sites.csv" >/dev/null

cat >trainings.csv <<'CSV'
证件号码,培训机构统一社会信用代码,培训类型,培训地区划代码,开始日期,结束日期,培训天数,总课时,线上学时,证书等级,培训费用（元）
37081119800101001x,52370811MA3C0T029B,技能培训,370811,2020-04-01,2020-04-10,10,80,20.5,初级,1500
370811198512310022,52370811MA3C0T029B,线上培训,370811,2020/3/20,2020年3月30日,11,40,40,,0
370811200002290033,91370811MA3C0E036B,以工代训,320102,20200501,2020-06-15,45,,,,
500101199006150044,,pre_job,500101,2020-07-01,2020-07-03,,２４,,中级,600.50
500101197503100057,52500101MA5U0T088E,online,,2020-08-01,2020-08-05,5,30,9.3,高级,1200
CSV
out=$(bf --db "$db" import trainings trainings.csv)
expect_eq "$out" '{"rows":5,"inserted":5,"updated":0,"unchanged":0,"rejected":0}' "good rows"
expect_eq "$(sql "SELECT id_number || '|' || provider || '|' || kind || '|' || COALESCE(region, '-') || '|' || start_date || '|' || end_date || '|' || COALESCE(CAST(days AS TEXT), '-') || '|' || COALESCE(CAST(total_hours_tenths AS TEXT), '-') || '|' || COALESCE(CAST(online_hours_tenths AS TEXT), '-') || '|' || COALESCE(certificate, '-') || '|' || COALESCE(CAST(cost AS TEXT), '-') FROM trainings ORDER BY id_number")" \
"37081119800101001X|52370811MA3C0T029B|skill|370811000000|2020-04-01|2020-04-10|10|800|205|初级|150000
370811198512310022|52370811MA3C0T029B|online|370811000000|2020-03-20|2020-03-30|11|400|400|-|0
370811200002290033|91370811MA3C0E036B|work_as_training|320102000000|2020-05-01|2020-06-15|45|-|-|-|-
500101197503100057|52500101MA5U0T088E|online|-|2020-08-01|2020-08-05|5|300|93|高级|120000
500101199006150044||pre_job|500101000000|2020-07-01|2020-07-03|-|240|-|中级|60050" \
    "stored: policy codes, tenths, fen, ISO dates, '' provider"
expect_eq "$(sql "SELECT kind FROM batches ORDER BY id DESC LIMIT 1")" "trainings" "batch of kind trainings"
expect_eq "$(bf --db "$db" import trainings trainings.csv)" \
    '{"rows":5,"inserted":0,"updated":0,"unchanged":5,"rejected":0}' "re-import"

# Every rejection reason.
cat >bad.csv <<'CSV'
证件号码,培训机构统一社会信用代码,培训类型,培训地区划代码,开始日期,结束日期,培训天数,总课时,线上学时,证书等级,培训费用（元）
,52370811MA3C0T029B,技能培训,370811,2021-01-01,2021-01-02,,,,,
110101199003070011,52370811MA3C0T029B,技能培训,370811,2021-01-01,2021-01-02,,,,,
37081119800101001X,91370811MA3C000467,技能培训,370811,2021-01-03,2021-01-04,,,,,
37081119800101001X,91370811MA3C00012L,技能培训,370811,2021-01-05,2021-01-06,,,,,
37081119800101001X,52370811MA3C0T029B,烹饪,370811,2021-01-07,2021-01-08,,,,,
37081119800101001X,52370811MA3C0T029B,技能培训,990000,2021-01-09,2021-01-10,,,,,
37081119800101001X,52370811MA3C0T029B,技能培训,370811,2021-01-11,,,,,,
37081119800101001X,52370811MA3C0T029B,技能培训,370811,2021-01-13,2021-01-12,,,,,
37081119800101001X,52370811MA3C0T029B,技能培训,370811,2021-01-14,2021-01-15,3,,,,
37081119800101001X,52370811MA3C0T029B,技能培训,370811,2021-01-16,2021-01-17,,10,10.5,,
37081119800101001X,52370811MA3C0T029B,技能培训,370811,2021-01-18,2021-01-19,,10.25,,,
37081119800101001X,52370811MA3C0T029B,技能培训,370811,2021-01-20,2021-01-21,,,,特级,
37081119800101001X,52370811MA3C0T029B,技能培训,370811,2021-01-22,2021-01-23,,,,,-5
37081119800101001X,52370811MA3C0T029B,技能培训,370811,2021-01-24,2021-01-25,36601,,,,
37081119800101001X,52370811MA3C0T029B,,370811,2021-01-26,2021-01-27,,,,,
37081119800101001X,52370811MA3C0T029B,技能培训,370811,2021-02-01,2021-02-02,,,,,
37081119800101001X,52370811MA3C0T029B,skill,370811,2021/2/1,2021-02-03,,,,,
CSV
out=$(bf --db "$db" import trainings bad.csv 2>/dev/null)
expect_eq "$out" '{"rows":17,"inserted":1,"updated":0,"unchanged":0,"rejected":16}' "rejections"
errors=$(cat bad.csv.errors.csv)
for reason in "2,证件号码：必填" "3,证件号码：110101199003070011 不在人员登记中" \
    "4,培训机构统一社会信用代码：单位 91370811MA3C000467 不在单位名单中" \
    "5,培训机构统一社会信用代码：“91370811MA3C00012L”：" "6,\"培训类型：“烹饪”不在词表 training_kind.tsv 中" \
    "7,培训地区划代码：" "8,结束日期：必填" "9,结束日期：2021-01-12 早于开始日期 2021-01-13" \
    "10,培训天数：3 天多于开始到结束日期的 2 天" "11,线上学时：多于总课时" "12,总课时：不是小时数（不为负，最多一位小数）" \
    "13,证书等级：“特级”应为 初级、中级 或 高级（无证书留空）" "14,培训费用（元）：不是金额" "15,培训天数：“36601”超过上限" \
    "16,培训类型：必填" "18,与第 17 行重复"; do
    expect_contains "$errors" "$reason" "rejection reason"
done

# Update: the cost and the certificate change, the online hours are cleared; history per field.
cat >update.csv <<'CSV'
id_number,provider,kind,start,end,cost,certificate,online_hours
37081119800101001X,52370811MA3C0T029B,skill,2020-04-01,2020-04-10,1600,中级,（清空）
CSV
expect_eq "$(bf --db "$db" import trainings update.csv)" '{"rows":1,"inserted":0,"updated":1,"unchanged":0,"rejected":0}' "update"
batch=$(sql "SELECT MAX(id) FROM batches")
expect_eq "$(sql "SELECT record_key || '|' || field || '|' || COALESCE(old_value, '-') || '|' || COALESCE(new_value, '-') FROM fact_history WHERE batch_id = $batch AND kind = 'trainings' ORDER BY field")" \
"37081119800101001X|52370811MA3C0T029B|skill|2020-04-01|certificate|初级|中级
37081119800101001X|52370811MA3C0T029B|skill|2020-04-01|cost|150000|160000
37081119800101001X|52370811MA3C0T029B|skill|2020-04-01|online_hours_tenths|205|-" "history"
expect_eq "$(bf --db "$db" import trainings update.csv)" '{"rows":1,"inserted":0,"updated":0,"unchanged":1,"rejected":0}' "update re-imported"
# The rules across columns see the record as it would be stored: online hours above the stored total.
printf 'id_number,provider,kind,start,end,online_hours\n370811198512310022,52370811MA3C0T029B,online,2020-03-20,2020-03-30,40.1\n' >over.csv
expect_eq "$(bf --db "$db" import trainings over.csv 2>/dev/null)" '{"rows":1,"inserted":0,"updated":0,"unchanged":0,"rejected":1}' \
    "online hours above the stored total"

# A region reload must keep the training regions (no foreign key holds them).
regions_without 320102 new_regions
if LANG=C bf --db "$db" init --regions new_regions >out.txt 2>err.txt; then fail "a reload dropped a training's region"; fi
expect_contains "$(cat err.txt)" "lack the region of 1 trainings" "reload refused naming the trainings"

# The template's example row imports once its person and organisation are stored.
bf template trainings --out trainings-template.xlsx 2>/dev/null || fail "template trainings"
bf template orgs --out orgs-template.xlsx 2>/dev/null || fail "template orgs"
bf template people --out people-template.csv 2>/dev/null || fail "template people"
db2=$(new_db)
bf --db "$db2" import people people-template.csv >/dev/null
bf --db "$db2" import orgs orgs-template.xlsx >/dev/null
expect_eq "$(bf --db "$db2" import trainings trainings-template.xlsx)" \
    '{"rows":1,"inserted":1,"updated":0,"unchanged":0,"rejected":0}' "the trainings template imports"
echo ok
