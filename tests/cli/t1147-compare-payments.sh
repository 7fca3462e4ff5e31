#!/bin/sh
# Comparisons and payment batches through the real server (route_compare.c): a comparison's
# findings are counted and listed for the user's region only (by hukou; the other county's
# never show), ID numbers masked unless ?full=1 by a role that may (audited as view_full), a
# finding kind filters; the payment batches count the lines of the user's region, their
# amount and how many the bank paid, as the stored lines say; an unknown run is a 404, a bad
# finding or month a 400 naming it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web_lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
data="$root/tests/data"
db=$(new_db)
cd "$WORK"
bf --db "$db" import people "$data/people_basic.csv" >/dev/null
printf '证件号码,险种,参保状态\n370811198512310022,基本医疗保险,参保缴费\n' >insurance.csv
bf --db "$db" import insurance insurance.csv >/dev/null
bf --db "$db" compare insurance --date 2020-06-30 >/dev/null
# A batch of February 2020 over both counties, its payments in part returned paid.
bf --db "$db" ledger run --month 2020-02 --by 甲 --policies "$data/ledger_policies" >/dev/null
bf --db "$db" ledger approve --month 2020-02 --reviewer 乙 --reason 核实 >/dev/null
{
    echo "证件号码,户名,银行账号,开户行"
    n=0
    for id in $(sql "SELECT DISTINCT payee FROM ledger_lines ORDER BY payee"); do
        n=$((n + 1))
        echo "$id,户$n,62220202000012345$n,工商银行"
    done
} >bank.csv
bf --db "$db" ledger import-bank bank.csv >/dev/null
bf --db "$db" ledger batch --month 2020-02 --by 丙 --policies "$data/ledger_policies" >/dev/null 2>&1
sql "UPDATE payment_items SET state = '已支付' WHERE item = 1"
expected() {
    sql "SELECT COUNT(*) || ',' || COALESCE(SUM(l.amount_fen), 0) || ',' || COALESCE(SUM(CASE WHEN i.state = '已支付' THEN 1 ELSE 0 END), 0) FROM payment_lines pl JOIN payment_items i ON i.batch_id = pl.batch_id AND i.item = pl.item JOIN ledger_lines l ON l.id = pl.line_id WHERE l.region LIKE '$1%'"
}
rc_batch=$(expected 370811)
wz_batch=$(expected 500101)
rc_findings=$(sql "SELECT finding || ':' || COUNT(*) FROM compare_findings WHERE hukou_region LIKE '370811%' GROUP BY finding ORDER BY finding" | tr '\n' ' ')
pw='Gongzuo-2024!'
echo "$pw" | bf --db "$db" user add rencheng --name 任城查看 --region 370811 --roles 查看员
echo "$pw" | bf --db "$db" user add rcclerk --name 任城经办 --region 370811 --roles 经办员
echo "$pw" | bf --db "$db" user add wanzhou --name 万州查看 --region 500101 --roles 查看员
serve_start
python3 - "$url" "$pw" "$rc_batch" "$wz_batch" "$rc_findings" <<'PY'
import sys
from web_client import Client, check
url, pw, rc_batch, wz_batch, rc_findings = sys.argv[1:6]
rc, clerk, wz = Client(url), Client(url), Client(url)
for c, login in ((rc, "rencheng"), (clerk, "rcclerk"), (wz, "wanzhou")):
    check(c.login(login, pw).status == 200, "login " + login)
runs = rc.get("/api/comparisons").json()["runs"]
counts = " ".join("%s:%d" % kv for kv in sorted(runs[0]["findings"].items())) + " "
check(len(runs) == 1 and runs[0]["list"] == "insurance" and counts == rc_findings,
      "the findings of the own county counted: %r / %r" % (runs, rc_findings))
f = rc.get("/api/comparisons/1").json()
check(f["masked"] and len(f["findings"]) == sum(runs[0]["findings"].values()) and
      all("*" in x["id_number"] and x["hukou_region"].startswith("370811") for x in f["findings"]),
      "the own county's findings, masked: %r" % f)
check("500101" not in str(f) and "500101" in str(wz.get("/api/comparisons/1").json()["findings"]),
      "another county's findings never show")
u = rc.get("/api/comparisons/1?finding=uninsured").json()["findings"]
check(u and all(x["finding"] == "uninsured" and x["title"] == "未参保16至59岁" for x in u), "filtered: %r" % u)
check(rc.get("/api/comparisons/1?full=1").status == 403, "a 查看员 sees no full ID numbers")
full = clerk.get("/api/comparisons/1?full=1").json()["findings"]
check(all("*" not in x["id_number"] and len(x["id_number"]) == 18 for x in full), "in full: %r" % full)
check(rc.get("/api/comparisons/9").status == 404, "no run 9")
r = rc.get("/api/comparisons/1?finding=lost")
check(r.status == 400 and r.json()["field"] == "finding", "bad finding: %r" % r)
for client, want in ((rc, rc_batch), (wz, wz_batch)):
    b = client.get("/api/payments/batches?month=2020-02").json()["batches"]
    got = "%d,%d,%d" % (b[0]["lines"], b[0]["amount_fen"], b[0]["paid_lines"]) if b else "0,0,0"
    check(got == want and (not b or b[0]["id"] == 1), "the batch's lines of the region: %r / %s" % (b, want))
check(rc.get("/api/payments/batches?month=2020-03").json()["batches"] == [], "no batch in March")
r = rc.get("/api/payments/batches?month=2020-13")
check(r.status == 400 and r.json()["field"] == "month", "bad month: %r" % r)
PY
serve_stop
expect_eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'view_full' AND target = 'comparison:1' AND outcome = 'ok'")" 1 "the full view audited"
expect_eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'view' AND target = 'comparison:1'")" 4 "the views audited"
echo ok
