#!/bin/sh
# Comparisons and payment batches of one region (compare --region, ledger batch --region: the
# functions the web's POST /api/comparisons and /api/payments/batches call for an officer's
# region).  A county's comparison holds the findings of its people only (a whole run's findings
# of that county, nothing of the other county) and counts its changes against the previous run
# of the same list and county, not against a whole run between; a county's batch pays the
# approved lines of that county only and is marked with it, the other county's lines stay
# approved for their own batch; a batch is approved (ledger approve-batch) once and never by
# who made it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ledger_data.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
data="$root/tests/data"
policies="$data/ledger_policies"
db=$(new_db)
cd "$WORK"
# 370811 (任城区): 张伟, 李秀英, 王强; 500101 (万州区): 陈静, 刘洋 (tests/data/people_basic.csv)
bf --db "$db" import people "$data/people_basic.csv" >/dev/null
printf '证件号码,险种,参保状态\n370811198512310022,基本医疗保险,参保缴费\n500101197503100057,城乡居民基本养老保险,参保缴费\n' >insurance.csv
bf --db "$db" import insurance insurance.csv >/dev/null

whole=$(bf --db "$db" compare insurance --date 2020-06-30)
county=$(bf --db "$db" compare insurance --date 2020-06-30 --region 370811)
expect_eq "$(json_get "$county" registry_people)" 3 "the county's registry"
expect_eq "$(json_get "$county" list_people)" 1 "the listed people of the county"
expect_eq "$(json_get "$county" previous_run)" 0 "no earlier run of the county"
run=$(json_get "$county" run)
expect_eq "$(sql "SELECT region FROM compare_runs WHERE id = $run")" 370811000000 "the run's region"
expect_eq "$(sql "SELECT finding || '|' || id_number FROM compare_findings WHERE run_id = $run ORDER BY 1")" \
    "$(sql "SELECT finding || '|' || id_number FROM compare_findings WHERE run_id = $(json_get "$whole" run) AND hukou_region LIKE '370811%' ORDER BY 1")" \
    "the whole run's findings of the county"
# A whole run between, then the county again a year on: compared with the county's last run.
bf --db "$db" compare insurance --date 2035-03-10 >/dev/null
again=$(bf --db "$db" compare insurance --date 2035-03-10 --region 370811000000)
expect_eq "$(json_get "$again" previous_run)" "$run" "the previous run of the same county"
other=$(bf --db "$db" compare insurance --date 2035-03-10 --region 500101)
expect_eq "$(sql "SELECT COUNT(*) FROM compare_findings WHERE run_id = $(json_get "$other" run) AND hukou_region NOT LIKE '500101%'")" 0 "nothing of another county"
expect_eq "$(json_get "$other" findings)" \
    '{"uninsured": 1, "no_pension": 1, "registry_only": 1, "list_only": 0, "differs": 0}' \
    "万州: 陈静 not listed, 刘洋 60 and paying, not drawing"
bf --db "$db" compare insurance --region 3708119 2>err.txt && fail "a bad region accepted"
expect_contains "$(cat err.txt)" "--region" "a bad region named"

# Batches of a county.
ledger_batchable 2020-02
rc_lines=$(sql "SELECT COUNT(*) FROM ledger_lines WHERE state = '已审核' AND region LIKE '370811%'")
wz_lines=$(sql "SELECT COUNT(*) FROM ledger_lines WHERE state = '已审核' AND region LIKE '500101%'")
[ "$rc_lines" -gt 0 ] && [ "$wz_lines" -gt 0 ] || fail "approved lines in both counties: $rc_lines $wz_lines"
out=$(bf --db "$db" ledger batch --month 2020-02 --region 370811 --by 丙 --policies "$policies" 2>/dev/null)
batch=$(json_get "$out" batch)
expect_eq "$(json_get "$out" lines)" "$rc_lines" "the county's approved lines batched"
expect_eq "$(sql "SELECT region FROM payment_batches WHERE id = $batch")" 370811000000 "the batch's region"
expect_eq "$(sql "SELECT COUNT(*) FROM payment_lines pl JOIN ledger_lines l ON l.id = pl.line_id WHERE pl.batch_id = $batch AND l.region NOT LIKE '370811%'")" 0 "no line of another county"
expect_eq "$(sql "SELECT COUNT(*) FROM ledger_lines WHERE state = '已审核' AND region LIKE '500101%'")" "$wz_lines" "the other county's lines still approved"
out=$(bf --db "$db" ledger batch --month 2020-02 --by 丙 --policies "$policies" 2>/dev/null)
expect_eq "$(json_get "$out" lines)" "$wz_lines" "a whole batch takes the rest"
expect_eq "$(sql "SELECT region FROM payment_batches WHERE id = $(json_get "$out" batch)")" "" "a whole batch"
# Approval (ledger_batch_approve, as the web's): not by who made it, once.
bf --db "$db" ledger approve-batch "$batch" --by 丙 2>err.txt && fail "who made it approved it"
expect_contains "$(cat err.txt)" "须由另一人审核" "four eyes said"
expect_eq "$(bf --db "$db" ledger approve-batch "$batch" --by 丁)" "{\"batch\":$batch,\"approved_by\":\"丁\"}" "approved"
expect_eq "$(sql "SELECT approved_by FROM payment_batches WHERE id = $batch")" 丁 "approver stored"
bf --db "$db" ledger approve-batch "$batch" --by 戊 2>err.txt && fail "approved twice"
expect_contains "$(cat err.txt)" "已由 丁 审核" "approved once"
bf --db "$db" ledger approve-batch 99 --by 丁 2>err.txt && fail "no batch 99"
expect_contains "$(cat err.txt)" "没有第 99 批支付" "an unknown batch"
echo ok
