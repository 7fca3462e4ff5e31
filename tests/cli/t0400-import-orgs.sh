#!/bin/sh
# bangfu import orgs: organisations keyed by 统一社会信用代码 (GB 32100 check
# digit verified), kinds from vocabularies/org_kind.tsv stored as the policy
# codes, regions from the region table; every rejection reason, re-import
# changes nothing, updates write each changed field to fact_history, the
# template imports as it is.
. "$(dirname "$0")/lib.sh"
db=$(new_db)
cd "$WORK"

# Good rows: Chinese and English kinds, synonyms, 6-digit regions, 是/否, full-width code.
cat >orgs.csv <<'CSV'
统一社会信用代码,单位名称,单位类型,所在地区划代码,职工人数,免费提供场地,联系人,联系电话
91370811MA3C6Y4N2B,任城区帮扶车间,扶贫车间,370811,25,是,李娜,0537-2345678
91370811MA3C00011L,济宁某公司,企业,370811000000,300,否,,
92370811MA3C0002X9,某经纪人,broker,370811,,,,13853700001
９３３７０８１１ＭＡ３Ｃ０００３８６,某劳务合作社,劳务合作社,500101,12,,王强,
CSV
out=$(bf --db "$db" import orgs orgs.csv)
expect_eq "$out" '{"rows":4,"inserted":4,"updated":0,"unchanged":0,"rejected":0}' "good rows"
[ ! -e orgs.csv.errors.csv ] || fail "an error file without rejections"
expect_eq "$(sql "SELECT org_code || '|' || kind || '|' || region || '|' || COALESCE(CAST(staff AS TEXT), '-') || '|' || free_premises || '|' || COALESCE(phone, '-') FROM orgs ORDER BY org_code")" \
"91370811MA3C00011L|enterprise|370811000000|300|0|-
91370811MA3C6Y4N2B|workshop|370811000000|25|1|0537-2345678
92370811MA3C0002X9|broker|370811000000|-|0|13853700001
93370811MA3C000386|cooperative|500101000000|12|0|-" "stored values: codes, canonical regions, 0 for an unsaid free_premises"
expect_eq "$(sql "SELECT kind || '|' || inserted FROM batches ORDER BY id DESC LIMIT 1")" "orgs|4" "batch of kind orgs"
expect_eq "$(sql "SELECT COUNT(*) FROM orgs WHERE created_batch = updated_batch AND created_batch = (SELECT MAX(id) FROM batches)")" 4 "batches stamped"

# Re-import: all unchanged, nothing written.
out=$(bf --db "$db" import orgs orgs.csv)
expect_eq "$out" '{"rows":4,"inserted":0,"updated":0,"unchanged":4,"rejected":0}' "re-import"
expect_eq "$(sql "SELECT COUNT(*) FROM fact_history")" 0 "no history from a re-import"

# Every rejection reason, each naming its column; the error file keeps the rows as read.
cat >bad.csv <<'CSV'
统一社会信用代码,单位名称,单位类型,所在地区划代码,职工人数,免费提供场地,联系人,联系电话
,无代码,企业,370811,,,,
91370811MA3C00012L,校验位错,企业,370811,,,,
9137081,太短,企业,370811,,,,
9.13708E+17,科学计数,企业,370811,,,,
91370811MA3C000467,,企业,370811,,,,
91370811MA3C000542,=HYPERLINK(1),企业,370811,,,,
91370811MA3C00062W,类型错,工厂,370811,,,,
91370811MA3C00070P,区划错,企业,37081,,,,
91370811MA3C00089L,区划无,企业,379999,,,,
91370811MA3C00097F,人数错,企业,370811,二十,,,
91370811MA3C0010X0,人数大,企业,370811,99999999999,,,
91370811MA3C001180,场地错,企业,370811,,也许,,
91370811MA3C00126T,电话错,企业,370811,,,,12345
91370811MA3C6Y4N2B,（清空）,企业,370811,,,,
91370811MA3C00011L,济宁某公司,企业,370811,,,,
91370811MA3C00011L,重复二,企业,370811,,,,
CSV
out=$(bf --db "$db" import orgs bad.csv 2>/dev/null)
expect_eq "$out" '{"rows":16,"inserted":0,"updated":0,"unchanged":1,"rejected":15}' "rejections"
errors=$(cat bad.csv.errors.csv)
for reason in "2,统一社会信用代码：必填" "3,统一社会信用代码：“91370811MA3C00012L”：" "4,统一社会信用代码：“9137081”：" \
    "5,统一社会信用代码：“9.13708E+17”：" "6,单位名称：必填" "7,单位名称：“=HYPERLINK(1)”以 = + - @ 开头" \
    "8,\"单位类型：“工厂”不在词表 org_kind.tsv 中，可填 企业、就业帮扶车间" "9,所在地区划代码：“37081”不是有效的区划代码" \
    "10,所在地区划代码：区划代码 379999 不存在" "11,职工人数：不是非负整数" "12,职工人数：“99999999999”超过上限" \
    "13,免费提供场地：“也许”应为 是 或 否" "14,联系电话：格式不正确（12345）" "15,单位名称：必填，不能清空" \
    "17,与第 16 行重复"; do
    expect_contains "$errors" "$reason" "rejection reason"
done
# The wrong check characters each give their reason (GB 32100 check, GB 11714 organisation check).
expect_contains "$(LANG=C bf --db "$db" import orgs bad.csv 2>/dev/null; cat bad.csv.errors.csv)" \
    "org_code: '91370811MA3C00012L': " "English reasons"
expect_eq "$(sql "SELECT COUNT(*) FROM orgs")" 4 "nothing stored from rejected rows"

# Update: changed fields with history, kept and cleared fields, English headers.
cat >update.csv <<'CSV'
org_code,name,kind,region,staff,free_premises,contact
91370811MA3C6Y4N2B,任城区帮扶车间,workshop,370811,40,否,（清空）
91370811MA3C00011L,济宁某公司,enterprise,370811,300,,
CSV
out=$(bf --db "$db" import orgs update.csv)
expect_eq "$out" '{"rows":2,"inserted":0,"updated":1,"unchanged":1,"rejected":0}' "update"
batch=$(sql "SELECT MAX(id) FROM batches")
expect_eq "$(sql "SELECT record_key || '|' || field || '|' || COALESCE(old_value, '-') || '|' || COALESCE(new_value, '-') || '|' || kind FROM fact_history WHERE batch_id = $batch ORDER BY field")" \
"91370811MA3C6Y4N2B|contact|李娜|-|orgs
91370811MA3C6Y4N2B|free_premises|1|0|orgs
91370811MA3C6Y4N2B|staff|25|40|orgs" "history of the changed fields"
expect_eq "$(sql "SELECT COALESCE(phone, '-') || '|' || updated_batch || '|' || CASE WHEN created_batch < updated_batch THEN 1 ELSE 0 END FROM orgs WHERE org_code = '91370811MA3C6Y4N2B'")" \
    "0537-2345678|$batch|1" "absent column kept, updated_batch set"
out=$(bf --db "$db" import orgs update.csv)
expect_eq "$out" '{"rows":2,"inserted":0,"updated":0,"unchanged":2,"rejected":0}' "update re-imported"
expect_eq "$(sql "SELECT COUNT(*) FROM fact_history")" 3 "no more history"

# A broken header: a required column missing, a column twice.
printf '统一社会信用代码,单位名称,单位类型\n91370811MA3C6Y4N2B,x,企业\n' >nohead.csv
if bf --db "$db" import orgs nohead.csv 2>err.txt; then fail "missing required column accepted"; fi
expect_contains "$(cat err.txt)" "表头缺少必需列 所在地区划代码/region" "missing column named"
printf '统一社会信用代码,单位名称,单位类型,所在地区划代码,name\n' >twice.csv
if bf --db "$db" import orgs twice.csv 2>err.txt; then fail "repeated column accepted"; fi
expect_contains "$(cat err.txt)" "表头“单位名称”重复" "repeated column named"

# GB18030 and the template (workbook and CSV) as they are.
iconv -f UTF-8 -t GB18030 orgs.csv >gbk.csv
expect_eq "$(bf --db "$db" import orgs gbk.csv)" '{"rows":4,"inserted":0,"updated":1,"unchanged":3,"rejected":0}' "GB18030 list"
for ext in xlsx csv; do
    bf template orgs --out "orgs-template.$ext" 2>/dev/null || fail "template orgs .$ext"
done
expect_eq "$(head -1 orgs-template.csv | sed 's/^\xEF\xBB\xBF//' | tr -d '\r')" \
    "*统一社会信用代码,*单位名称,*单位类型,*所在地区划代码,职工人数,免费提供场地,联系人,联系电话" "template headers"
db2=$(new_db)
expect_eq "$(bf --db "$db2" import orgs orgs-template.xlsx)" '{"rows":1,"inserted":1,"updated":0,"unchanged":0,"rejected":0}' "the template's example imports"
expect_eq "$(bf --db "$db2" import orgs orgs-template.csv)" '{"rows":1,"inserted":0,"updated":0,"unchanged":1,"rejected":0}' "CSV template: same row"
echo ok
