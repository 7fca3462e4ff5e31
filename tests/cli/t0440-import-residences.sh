#!/bin/sh
# bangfu import residences: one residence per person (证件号码) at a relocation
# site, an organisation of kind 易地搬迁安置区 (relocation_site) of the orgs list;
# any other organisation is a row error.  Rejections, re-import, a move with
# history, the template.
. "$(dirname "$0")/lib.sh"
data="$(cd "$(dirname "$0")/../data" && pwd)"
db=$(new_db)
cd "$WORK"
bf --db "$db" import people "$data/people_basic.csv" >/dev/null
bf --db "$db" import orgs "$data/orgs_training_sites.csv" >/dev/null

cat >residences.csv <<'CSV'
证件号码,安置区统一社会信用代码,入住日期
37081119800101001X,12370811MA3C0P044C,2018-06-01
370811200002290033,１２３７０８１１ＭＡ３Ｃ０Ｐ０４４Ｃ,
500101199006150044,12500101MA5U0P0602,2019/10/1
CSV
expect_eq "$(bf --db "$db" import residences residences.csv)" \
    '{"rows":3,"inserted":3,"updated":0,"unchanged":0,"rejected":0}' "good rows"
expect_eq "$(sql "SELECT id_number || '|' || site || '|' || COALESCE(since, '-') FROM residences ORDER BY id_number")" \
"37081119800101001X|12370811MA3C0P044C|2018-06-01
370811200002290033|12370811MA3C0P044C|-
500101199006150044|12500101MA5U0P0602|2019-10-01" "stored"
expect_eq "$(bf --db "$db" import residences residences.csv)" \
    '{"rows":3,"inserted":0,"updated":0,"unchanged":3,"rejected":0}' "re-import"

cat >bad.csv <<'CSV'
证件号码,安置区统一社会信用代码,入住日期
370811198512310022,91370811MA3C0E036B,2018-06-01
370811198512310022,52370811MA3C0T029B,
370811198512310022,91370811MA3C000467,
370811198512310022,,
110101199003070011,12370811MA3C0P044C,
370811198512310022,12370811MA3C0P044C,2018-13-01
500101197503100057,12500101MA5U0P0602,
500101197503100057,12370811MA3C0P044C,
CSV
out=$(bf --db "$db" import residences bad.csv 2>/dev/null)
expect_eq "$out" '{"rows":8,"inserted":1,"updated":0,"unchanged":0,"rejected":7}' "rejections"
errors=$(cat bad.csv.errors.csv)
for reason in "2,安置区统一社会信用代码：单位 91370811MA3C0E036B 的单位类型不是 relocation_site" \
    "3,安置区统一社会信用代码：单位 52370811MA3C0T029B 的单位类型不是 relocation_site" \
    "4,安置区统一社会信用代码：单位 91370811MA3C000467 不在单位名单中" "5,安置区统一社会信用代码：必填" \
    "6,证件号码：110101199003070011 不在人员登记中" "7,入住日期：“2018-13-01”不是日期" "9,与第 8 行重复"; do
    expect_contains "$errors" "$reason" "rejection reason"
done

# A move to another site, with history.
printf 'id_number,site,since\n37081119800101001X,12500101MA5U0P0602,2020-05-01\n' >move.csv
expect_eq "$(bf --db "$db" import residences move.csv)" '{"rows":1,"inserted":0,"updated":1,"unchanged":0,"rejected":0}' "move"
batch=$(sql "SELECT MAX(id) FROM batches")
expect_eq "$(sql "SELECT record_key || '|' || field || '|' || old_value || '|' || new_value FROM fact_history WHERE batch_id = $batch ORDER BY field")" \
"37081119800101001X|since|2018-06-01|2020-05-01
37081119800101001X|site|12370811MA3C0P044C|12500101MA5U0P0602" "history"

bf template residences --out residences-template.xlsx 2>/dev/null || fail "template residences"
bf template people --out people-template.csv 2>/dev/null
db2=$(new_db)
bf --db "$db2" import people people-template.csv >/dev/null
bf --db "$db2" import orgs "$data/orgs_training_sites.csv" >/dev/null
expect_eq "$(bf --db "$db2" import residences residences-template.xlsx)" \
    '{"rows":1,"inserted":1,"updated":0,"unchanged":0,"rejected":0}' "the residences template imports"
echo ok
