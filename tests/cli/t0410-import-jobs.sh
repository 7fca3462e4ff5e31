#!/bin/sh
# bangfu import jobs: employment spells keyed by (证件号码, 单位统一社会信用代码,
# 开始日期), against registered people and stored organisations; no employer
# only for 务农/自主创业, end (empty: ongoing) not before start, yuan with at
# most two decimals stored as fen, hours as tenths, dates in every written
# form; every rejection reason, re-import, update with history, a workbook
# with date cells.
. "$(dirname "$0")/lib.sh"
data="$(cd "$(dirname "$0")/../data" && pwd)"
db=$(new_db)
cd "$WORK"
bf --db "$db" import people "$data/people_basic.csv" >/dev/null
cat >orgs.csv <<'CSV'
统一社会信用代码,单位名称,单位类型,所在地区划代码
91370811MA3C6Y4N2B,任城区帮扶车间,扶贫车间,370811
91370811MA3C00011L,济宁某公司,企业,370811
92370811MA3C0002X9,某经纪人,劳务经纪人,370811
CSV
bf --db "$db" import orgs orgs.csv >/dev/null

cat >jobs.csv <<'CSV'
证件号码,单位统一社会信用代码,工作地区划代码,就业形式,开始日期,结束日期,劳动合同期限（月）,参保月数,月收入（元）,每月工时,输出机构统一社会信用代码,交通费用（元）
37081119800101001x,91370811MA3C6Y4N2B,370811,车间就业,2020-03-01,,12,6,2500,176,,
370811198512310022,91370811MA3C00011L,320102,enterprise,2020/3/1,2020年12月31日,24,10,3200.5,168.5,92370811MA3C0002X9,450.25
370811200002290033,,370811,务农,20200401,,,,,,,
500101199006150044,,500101,self_employed,2021.5.6,2021-05-06,,,0.01,,,
CSV
out=$(bf --db "$db" import jobs jobs.csv)
expect_eq "$out" '{"rows":4,"inserted":4,"updated":0,"unchanged":0,"rejected":0}' "good rows"
expect_eq "$(sql "SELECT id_number || '|' || employer || '|' || start_date || '|' || COALESCE(end_date, '-') || '|' || region || '|' || kind || '|' || COALESCE(CAST(contract_months AS TEXT), '-') || '|' || COALESCE(CAST(insurance_months AS TEXT), '-') || '|' || COALESCE(CAST(monthly_income AS TEXT), '-') || '|' || COALESCE(CAST(hours_tenths AS TEXT), '-') || '|' || COALESCE(agency, '-') || '|' || COALESCE(CAST(travel_cost AS TEXT), '-') FROM jobs ORDER BY id_number")" \
"37081119800101001X|91370811MA3C6Y4N2B|2020-03-01|-|370811000000|workshop|12|6|250000|1760|-|-
370811198512310022|91370811MA3C00011L|2020-03-01|2020-12-31|320102000000|enterprise|24|10|320050|1685|92370811MA3C0002X9|45025
370811200002290033||2020-04-01|-|370811000000|agriculture|-|-|-|-|-|-
500101199006150044||2021-05-06|2021-05-06|500101000000|self_employed|-|-|1|-|-|-" "stored: fen, tenths, ISO dates, '' employer"
expect_eq "$(sql "SELECT kind FROM batches ORDER BY id DESC LIMIT 1")" "jobs" "batch of kind jobs"

out=$(bf --db "$db" import jobs jobs.csv)
expect_eq "$out" '{"rows":4,"inserted":0,"updated":0,"unchanged":4,"rejected":0}' "re-import"

# Every rejection reason.
cat >bad.csv <<'CSV'
证件号码,单位统一社会信用代码,工作地区划代码,就业形式,开始日期,结束日期,劳动合同期限（月）,参保月数,月收入（元）,每月工时,输出机构统一社会信用代码,交通费用（元）
,91370811MA3C6Y4N2B,370811,车间就业,2020-03-01,,,,,,,
370811198001010011,91370811MA3C6Y4N2B,370811,车间就业,2020-03-01,,,,,,,
110101199003070011,91370811MA3C6Y4N2B,370811,车间就业,2020-03-01,,,,,,,
37081119800101001X,91370811MA3C000467,370811,车间就业,2020-03-02,,,,,,,
37081119800101001X,91370811MA3C00012L,370811,车间就业,2020-03-03,,,,,,,
37081119800101001X,,370811,企业就业,2020-03-04,,,,,,,
37081119800101001X,91370811MA3C6Y4N2B,370811,打工,2020-03-05,,,,,,,
37081119800101001X,91370811MA3C6Y4N2B,370811,车间就业,2020-02-30,,,,,,,
37081119800101001X,91370811MA3C6Y4N2B,370811,车间就业,43891,,,,,,,
37081119800101001X,91370811MA3C6Y4N2B,370811,车间就业,2020-03-06,2020-03-05,,,,,,
37081119800101001X,91370811MA3C6Y4N2B,370811,车间就业,2020-03-07,,十二,1201,,,,
37081119800101001X,91370811MA3C6Y4N2B,370811,车间就业,2020-03-08,,,,2500.123,,,-5
37081119800101001X,91370811MA3C6Y4N2B,370811,车间就业,2020-03-09,,,,,176.25,,
37081119800101001X,91370811MA3C6Y4N2B,370811,车间就业,2020-03-10,,,,,,91370811MA3C000467,
37081119800101001X,91370811MA3C6Y4N2B,,车间就业,2020-03-11,,,,,,,
37081119800101001X,91370811MA3C6Y4N2B,370811,车间就业,（清空）,,,,,,,
37081119800101001X,91370811MA3C6Y4N2B,370811,车间就业,2020-03-12,,,,,,,
37081119800101001X,91370811MA3C6Y4N2B,370811,车间就业,2020/3/12,,,,,,,
CSV
out=$(bf --db "$db" import jobs bad.csv 2>/dev/null)
expect_eq "$out" '{"rows":18,"inserted":1,"updated":0,"unchanged":0,"rejected":17}' "rejections"
errors=$(cat bad.csv.errors.csv)
for reason in "2,证件号码：必填" "3,证件号码：" "4,证件号码：110101199003070011 不在人员登记中" \
    "5,单位统一社会信用代码：单位 91370811MA3C000467 不在单位名单中" "6,单位统一社会信用代码：“91370811MA3C00012L”：" \
    "7,单位统一社会信用代码：必填（只有务农、自主创业可以没有单位）" "8,\"就业形式：“打工”不在词表 job_kind.tsv 中" \
    "9,开始日期：“2020-02-30”不是日期" "10,开始日期：“43891”不是日期" "11,结束日期：2020-03-05 早于开始日期 2020-03-06" \
    "12,劳动合同期限（月）：不是非负整数；参保月数：“1201”超过上限" \
    "13,月收入（元）：不是金额（元，不为负，最多两位小数）；交通费用（元）：不是金额" "14,每月工时：不是小时数" \
    "15,输出机构统一社会信用代码：单位 91370811MA3C000467 不在单位名单中" "16,工作地区划代码：必填" \
    "17,开始日期：必填，不能清空" "19,与第 18 行重复"; do
    expect_contains "$errors" "$reason" "rejection reason"
done

# Update: end a spell, change the income, clear the agency; history per field.
cat >update.csv <<'CSV'
id_number,employer,start,end,monthly_income,agency,region,kind
37081119800101001X,91370811MA3C6Y4N2B,2020-03-01,2020-09-30,2600,,370811,workshop
370811198512310022,91370811MA3C00011L,2020-03-01,,3200.50,（清空）,320102,企业就业
CSV
out=$(bf --db "$db" import jobs update.csv)
expect_eq "$out" '{"rows":2,"inserted":0,"updated":2,"unchanged":0,"rejected":0}' "update"
batch=$(sql "SELECT MAX(id) FROM batches")
expect_eq "$(sql "SELECT record_key || '|' || field || '|' || COALESCE(old_value, '-') || '|' || COALESCE(new_value, '-') FROM fact_history WHERE batch_id = $batch AND kind = 'jobs' ORDER BY record_key, field")" \
"37081119800101001X|91370811MA3C6Y4N2B|2020-03-01|end_date|-|2020-09-30
37081119800101001X|91370811MA3C6Y4N2B|2020-03-01|monthly_income|250000|260000
370811198512310022|91370811MA3C00011L|2020-03-01|agency|92370811MA3C0002X9|-" "history"
expect_eq "$(bf --db "$db" import jobs update.csv)" '{"rows":2,"inserted":0,"updated":0,"unchanged":2,"rejected":0}' "update re-imported"

# A workbook whose dates are date cells (numbers with a date format), as Excel saves them.
python3 - jobs.xlsx <<'PY'
import sys, zipfile
sheet = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>证件号码</t></is></c><c r="B1" t="inlineStr"><is><t>单位统一社会信用代码</t></is></c><c r="C1" t="inlineStr"><is><t>工作地区划代码</t></is></c><c r="D1" t="inlineStr"><is><t>就业形式</t></is></c><c r="E1" t="inlineStr"><is><t>开始日期</t></is></c><c r="F1" t="inlineStr"><is><t>结束日期</t></is></c><c r="G1" t="inlineStr"><is><t>每月工时</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>500101197503100057</t></is></c><c r="B2" t="inlineStr"><is><t>91370811MA3C00011L</t></is></c><c r="C2"><v>370811</v></c><c r="D2" t="inlineStr"><is><t>企业就业</t></is></c><c r="E2" s="1"><v>43891</v></c><c r="F2" s="2"><v>44196</v></c><c r="G2" s="3"><v>176</v></c></row>
</sheetData></worksheet>'''
styles = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>
<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="176" applyNumberFormat="1"/><xf numFmtId="2" applyNumberFormat="1"/></cellXfs>
</styleSheet>'''
workbook = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="jobs" sheetId="1" r:id="rId1"/></sheets></workbook>'''
rels = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'''
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("xl/workbook.xml", workbook)
    z.writestr("xl/_rels/workbook.xml.rels", rels)
    z.writestr("xl/worksheets/sheet1.xml", sheet)
    z.writestr("xl/styles.xml", styles)
PY
expect_eq "$(bf --db "$db" import jobs jobs.xlsx)" '{"rows":1,"inserted":1,"updated":0,"unchanged":0,"rejected":0}' "workbook with date cells"
expect_eq "$(sql "SELECT start_date || '|' || end_date || '|' || hours_tenths FROM jobs WHERE id_number = '500101197503100057'")" \
    "2020-03-01|2020-12-31|1760" "date cells read as dates, a number format left a number"

# A region reload must keep the work regions of the spells (no foreign key holds them).
regions_without 320102 new_regions
if LANG=C bf --db "$db" init --regions new_regions >out.txt 2>err.txt; then fail "a reload dropped a spell's region"; fi
expect_contains "$(cat err.txt)" "lack the region of 1 employment spells" "reload refused naming the spells"
expect_eq "$(sql "SELECT COUNT(*) FROM regions WHERE code = '320102000000'")" 1 "region table kept"

# The template's example row imports once its person and organisation are stored.
bf template jobs --out jobs-template.xlsx 2>/dev/null || fail "template jobs"
bf template orgs --out orgs-template.xlsx 2>/dev/null || fail "template orgs"
bf template people --out people-template.xlsx 2>/dev/null || fail "template people"
db2=$(new_db)
bf --db "$db2" import people people-template.xlsx >/dev/null
bf --db "$db2" import orgs orgs-template.xlsx >/dev/null
expect_eq "$(bf --db "$db2" import jobs jobs-template.xlsx)" '{"rows":1,"inserted":1,"updated":0,"unchanged":0,"rejected":0}' "the jobs template imports"
echo ok
