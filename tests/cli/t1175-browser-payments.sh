#!/bin/sh
# Comparisons and payment batches from the web in a real browser at phone width (Debian's
# chromium driven by playwright-core, tests/cli/browser_payments.js): a 经办员 starts a
# comparison of the county twice (新, then 持续 and 已解决), makes a month's batch; a 审核员
# approves it and downloads the bank file; the 经办员 uploads the bank's return.  Screenshots
# in build/screenshots/.  Once, on SQLite (the routes run on both engines in t1173); skipped,
# saying why, without chromium or playwright-core.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web_lib.sh"
. "$(dirname "$0")/ledger_data.sh"
if [ "$ENGINE" != sqlite ]; then
    echo "skipped: once, on SQLite (t1173 runs the routes on both engines)"
    exit 0
fi
browser_or_skip
data="$checkout/tests/data"
db=$(new_db)
cd "$WORK"
bf --db "$db" import people "$data/people_basic.csv" >/dev/null
printf '证件号码,险种,参保状态\n370811198512310022,基本医疗保险,参保缴费\n' >insurance.csv
bf --db "$db" import insurance insurance.csv >/dev/null
ledger_batchable 2020-02
pw='Gongzuo-2024!'
echo "$pw" | bf --db "$db" user add clerk --name 任城经办 --region 370811 --roles 经办员
echo "$pw" | bf --db "$db" user add reviewer --name 任城审核 --region 370811 --roles 审核员
serve_start
CHROMIUM=$chromium node "$checkout/tests/cli/browser_payments.js" "$url" "$checkout" "$shots" "$pw"
serve_stop
for f in 1-compare 2-compare-changes 3-batch-made 4-batch-approved 5-return; do
    [ -s "$shots/phone-payments-$f.png" ] || fail "screenshot $f missing"
done
expect_eq "$(sql "SELECT approved_by FROM payment_batches")" reviewer "approved by the reviewer"
expect_eq "$(sql "SELECT COUNT(*) FROM payment_items WHERE state = '已支付'")" 1 "the return applied"
expect_eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE actor = 'reviewer' AND action = 'export_full'")" 1 \
    "the bank file audited"
echo ok
