#!/bin/sh
# bangfu import postings: job postings (招聘岗位) keyed by 岗位编号, of a stored
# employer, 工种 / 性别要求 / 岗位状态 from their vocabularies, pay in yuan stored
# as fen, ranges not inverted, state open unless said; every rejection reason,
# re-import, update with history, region reload, the template.
. "$(dirname "$0")/lib.sh"
data="$(cd "$(dirname "$0")/../data" && pwd)"
db=$(new_db)
cd "$WORK"
cat >orgs.csv <<'CSV'
统一社会信用代码,单位名称,单位类型,所在地区划代码
91370811MA3C6Y4N2B,任城区帮扶车间,扶贫车间,370811
91370811MA3C00011L,济宁某公司,企业,370811
CSV
bf --db "$db" import orgs orgs.csv >/dev/null

cat >postings.csv <<'CSV'
岗位编号,单位统一社会信用代码,岗位名称,工种,工作地区划代码,招聘人数,月薪下限（元）,月薪上限（元）,技能要求,最低年龄,最高年龄,性别要求,提供食宿,到岗日期,截止日期,联系人,联系电话,岗位状态
JN-001,91370811MA3C6Y4N2B,缝纫工,缝纫工,370811,20,3000,4500,缝纫；制衣,18,50,女性,是,2020-05-01,2020/6/30,李娜,0537-2345678,
JN-002,91370811MA3C00011L,叉车司机,叉车工,370811002000,3,5000.5,,驾驶,,55,,否,,,,,招满
JN-003,91370811MA3C00011L,普工,general_worker,320102,100,,,,,,不限,,,,,,closed
CSV
out=$(bf --db "$db" import postings postings.csv)
expect_eq "$out" '{"rows":3,"inserted":3,"updated":0,"unchanged":0,"rejected":0}' "good rows"
expect_eq "$(sql "SELECT posting_code || '|' || employer || '|' || title || '|' || trade || '|' || region || '|' || openings || '|' || COALESCE(CAST(pay_min AS TEXT), '-') || '|' || COALESCE(CAST(pay_max AS TEXT), '-') || '|' || COALESCE(skills, '-') || '|' || COALESCE(CAST(age_min AS TEXT), '-') || '|' || COALESCE(CAST(age_max AS TEXT), '-') || '|' || COALESCE(sex, '-') || '|' || accommodation || '|' || COALESCE(start_date, '-') || '|' || COALESCE(deadline, '-') || '|' || COALESCE(phone, '-') || '|' || state FROM postings ORDER BY posting_code")" \
"JN-001|91370811MA3C6Y4N2B|缝纫工|sewing|370811000000|20|300000|450000|缝纫；制衣|18|50|female|1|2020-05-01|2020-06-30|0537-2345678|open
JN-002|91370811MA3C00011L|叉车司机|driver|370811002000|3|500050|-|驾驶|-|55|-|0|-|-|-|filled
JN-003|91370811MA3C00011L|普工|general_worker|320102000000|100|-|-|-|-|-|any|0|-|-|-|closed" "stored: codes, fen, ISO dates, state open by default"
expect_eq "$(sql "SELECT kind FROM batches ORDER BY id DESC LIMIT 1")" "postings" "batch of kind postings"
expect_eq "$(bf --db "$db" import postings postings.csv)" '{"rows":3,"inserted":0,"updated":0,"unchanged":3,"rejected":0}' "re-import"

# Every rejection reason.
cat >bad.csv <<'CSV'
岗位编号,单位统一社会信用代码,岗位名称,工种,工作地区划代码,招聘人数,月薪下限（元）,月薪上限（元）,最低年龄,最高年龄,性别要求,岗位状态,截止日期
,91370811MA3C6Y4N2B,缝纫工,缝纫,370811,1,,,,,,,
B-02,91370811MA3C000467,缝纫工,缝纫,370811,1,,,,,,,
B-03,91370811MA3C6Y4N2B,,缝纫,370811,1,,,,,,,
B-04,91370811MA3C6Y4N2B,缝纫工,裁缝大师,370811,1,,,,,,,
B-05,91370811MA3C6Y4N2B,缝纫工,缝纫,999999,1,,,,,,,
B-06,91370811MA3C6Y4N2B,缝纫工,缝纫,370811,,,,,,,,
B-07,91370811MA3C6Y4N2B,缝纫工,缝纫,370811,1,5000,3000,,,,,
B-08,91370811MA3C6Y4N2B,缝纫工,缝纫,370811,1,,,50,18,,,
B-09,91370811MA3C6Y4N2B,缝纫工,缝纫,370811,1,,,,101,,,
B-10,91370811MA3C6Y4N2B,缝纫工,缝纫,370811,1,,,,,男女,,
B-11,91370811MA3C6Y4N2B,缝纫工,缝纫,370811,1,,,,,,暂停,
B-12,91370811MA3C6Y4N2B,缝纫工,缝纫,370811,1,,,,,,,2020-02-30
B-13,91370811MA3C6Y4N2B,=HYPERLINK(1),缝纫,370811,1,,,,,,,
B-14,91370811MA3C6Y4N2B,缝纫工,缝纫,370811,1,3000.123,,,,,,
B-15,91370811MA3C6Y4N2B,缝纫工,缝纫,370811,1,,,,,,,
B-15,91370811MA3C6Y4N2B,缝纫工,缝纫,370811,2,,,,,,,
CSV
out=$(bf --db "$db" import postings bad.csv 2>/dev/null)
expect_eq "$out" '{"rows":16,"inserted":1,"updated":0,"unchanged":0,"rejected":15}' "rejections"
errors=$(cat bad.csv.errors.csv)
for reason in "2,岗位编号：必填" "3,单位统一社会信用代码：单位 91370811MA3C000467 不在单位名单中" "4,岗位名称：必填" \
    "5,\"工种：“裁缝大师”不在词表 trade.tsv 中" "6,工作地区划代码：" "7,招聘人数：必填" "8,月薪上限（元）：小于下限" \
    "9,最高年龄：小于下限" "10,最高年龄：“101”超过上限" "11,\"性别要求：“男女”不在词表 sex_limit.tsv 中" \
    "12,\"岗位状态：“暂停”不在词表 posting_state.tsv 中" "13,截止日期：“2020-02-30”不是日期" "14,岗位名称：" \
    "15,月薪下限（元）：不是金额" "17,与第 16 行重复"; do
    expect_contains "$errors" "$reason" "rejection reason"
done
LANG=C bf --db "$db" import postings bad.csv >/dev/null 2>&1
expect_contains "$(cat bad.csv.errors.csv)" "below the lower limit" "English reason"

# Update: close one, raise the pay, clear the skills; history per field.
cat >update.csv <<'CSV'
posting_code,employer,title,trade,region,openings,pay_min,skills,state
JN-001,91370811MA3C6Y4N2B,缝纫工,缝纫,370811,20,3200,缝纫；制衣,已关闭
JN-002,91370811MA3C00011L,叉车司机,driver,370811002000,3,5000.50,（清空）,filled
CSV
expect_eq "$(bf --db "$db" import postings update.csv)" '{"rows":2,"inserted":0,"updated":2,"unchanged":0,"rejected":0}' "update"
batch=$(sql "SELECT MAX(id) FROM batches")
expect_eq "$(sql "SELECT record_key || '|' || field || '|' || COALESCE(old_value, '-') || '|' || COALESCE(new_value, '-') FROM fact_history WHERE batch_id = $batch AND kind = 'postings' ORDER BY record_key, field")" \
"JN-001|pay_min|300000|320000
JN-001|state|open|closed
JN-002|skills|驾驶|-" "history"
expect_eq "$(bf --db "$db" import postings update.csv)" '{"rows":2,"inserted":0,"updated":0,"unchanged":2,"rejected":0}' "update re-imported"

# A region reload must keep the work places of the postings.
regions_without 320102 new_regions
if LANG=C bf --db "$db" init --regions new_regions >out.txt 2>err.txt; then fail "a reload dropped a posting's region"; fi
expect_contains "$(cat err.txt)" "lack the region of 1 job postings" "reload refused naming the postings"

# The template's example row imports once its organisation is stored.
bf template postings --out postings-template.xlsx 2>/dev/null || fail "template postings"
bf template orgs --out orgs-template.xlsx 2>/dev/null || fail "template orgs"
db2=$(new_db)
bf --db "$db2" import orgs orgs-template.xlsx >/dev/null
expect_eq "$(bf --db "$db2" import postings postings-template.xlsx)" '{"rows":1,"inserted":1,"updated":0,"unchanged":0,"rejected":0}' "the postings template imports"
expect_eq "$(sql "SELECT 1" >/dev/null; db=$db2; sql "SELECT trade || '|' || state || '|' || COALESCE(sex, '-') FROM postings")" "sewing|open|-" "template row stored"
echo ok
