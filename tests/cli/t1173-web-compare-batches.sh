#!/bin/sh
# Comparisons and payment batches started from the web over the officer's region (route_compare.c,
# route_payment.c), through the real server: a 经办员's comparison holds only their county's
# findings, each marked 新 / 持续 against the previous run of the same list and county, those
# gone since listed as resolved; another county's run is a 404.  A 经办员's batch takes the
# approved lines of their county only; approving it needs 审核员 and not being who made it
# (409), once; its bank file only once approved (409 before), with the accounts in full
# (audited export_full), another county's batch a 404; the bank's return settles only the
# payments of the county's batches (another county's account is an error, never applied).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web_lib.sh"
. "$(dirname "$0")/ledger_data.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
data="$root/tests/data"
db=$(new_db)
cd "$WORK"
# 370811: 张伟, 李秀英, 王强; 500101: 陈静, 刘洋 (tests/data/people_basic.csv)
bf --db "$db" import people "$data/people_basic.csv" >/dev/null
printf '证件号码,险种,参保状态\n370811198512310022,基本医疗保险,参保缴费\n' >insurance.csv
bf --db "$db" import insurance insurance.csv >/dev/null
ledger_batchable 2020-02
rc_lines=$(sql "SELECT COUNT(*) FROM ledger_lines WHERE state = '已审核' AND region LIKE '370811%'")
rc_account=$(sql "SELECT b.account FROM bank_accounts b WHERE b.payee IN (SELECT payee FROM ledger_lines WHERE region LIKE '370811%') ORDER BY b.payee LIMIT 1")
wz_account=$(sql "SELECT b.account FROM bank_accounts b WHERE b.payee IN (SELECT payee FROM ledger_lines WHERE region LIKE '500101%') ORDER BY b.payee LIMIT 1")
pw='Gongzuo-2024!'
echo "$pw" | bf --db "$db" user add rcclerk --name 任城经办 --region 370811 --roles 经办员
echo "$pw" | bf --db "$db" user add rcboth --name 任城经办审核 --region 370811 --roles 经办员,审核员
echo "$pw" | bf --db "$db" user add rcrev --name 任城审核 --region 370811 --roles 审核员
echo "$pw" | bf --db "$db" user add wzclerk --name 万州经办 --region 500101 --roles 经办员,审核员
echo "$pw" | bf --db "$db" user add wzrev --name 万州审核 --region 500101 --roles 审核员
serve_start
python3 - "$url" "$pw" "$rc_lines" "$rc_account" "$wz_account" <<'PY'
import csv, io, sys
from web_client import Client, check
url, pw, rc_lines, rc_account, wz_account = sys.argv[1:6]
clerk, both, rev, wz = Client(url), Client(url), Client(url), Client(url)
for c, login in ((clerk, "rcclerk"), (both, "rcboth"), (rev, "rcrev"), (wz, "wzclerk")):
    check(c.login(login, pw).status == 200, "login " + login)

# A comparison of the county: its findings only, all new; then a year on, new and still.
r = clerk.request("POST", "/api/comparisons", {"list": "insurance", "date": "2020-06-30"})
check(r.status == 200, "comparison run: %r" % r)
first = r.json()
check(first["region"] == "370811000000" and first["registry_people"] == 3 and
      first["previous"] == 0, "the county's run: %r" % first)
f = clerk.get("/api/comparisons/%d" % first["run"]).json()
check(f["findings"] and all(x["change"] == "new" and x["hukou_region"].startswith("370811")
                            for x in f["findings"]), "all new, the county's: %r" % f)
check(wz.get("/api/comparisons/%d" % first["run"]).status == 404, "another county's run: 404")
check(all(x["id"] != first["run"] for x in wz.get("/api/comparisons").json()["runs"]),
      "another county's run not listed")
second = clerk.request("POST", "/api/comparisons", {"list": "insurance", "date": "2035-03-10"}).json()
check(second["previous"] == first["run"], "previous run of the county: %r" % second)
f2 = clerk.get("/api/comparisons/%d" % second["run"]).json()
changes = sorted((x["finding"], x["change"]) for x in f2["findings"])
check(f2["run"]["previous"] == first["run"] and ("uninsured", "still") in changes,
      "marked against the previous run: %r" % changes)
gone = clerk.get("/api/comparisons/%d?changes=resolved" % second["run"]).json()["findings"]
check(all(x["change"] == "resolved" for x in gone), "resolved: %r" % gone)
check(len(gone) == sum(second["resolved"].values()) and
      len([c for c in changes if c[1] == "new"]) == sum(second["new"].values()),
      "the page's marks add up to the run's counts: %r %r" % (gone, second))
for body, field in (({"list": "bank"}, "list"), ({"list": "poverty", "date": "2020-02-30"}, "date")):
    r = clerk.request("POST", "/api/comparisons", body)
    check(r.status == 400 and r.json()["field"] == field, "bad %s: %r" % (field, r))
check(rev.request("POST", "/api/comparisons", {"list": "poverty"}).status == 403, "a 审核员 runs none")

# A batch of the county: made by rcboth, approved by another.
r = both.request("POST", "/api/payments/batches", {"month": "2020-02"})
check(r.status == 200, "batch: %r" % r)
batch = r.json()
check(batch["lines"] == int(rc_lines) and batch["region"] == "370811000000", "the county's lines: %r" % batch)
b = batch["batch"]
r = both.request("POST", "/api/payments/batches/%d/bank-file?format=csv" % b)
check(r.status == 409 and r.json()["error"] == "not_approved", "no bank file before approval: %r" % r)
r = both.request("POST", "/api/payments/batches/%d/approve" % b)
check(r.status == 409 and r.json()["error"] == "four_eyes", "who made it approves not: %r" % r)
check(clerk.request("POST", "/api/payments/batches/%d/approve" % b).status == 403, "a 经办员 approves not")
check(wz.request("POST", "/api/payments/batches/%d/approve" % b).status == 404, "another county: 404")
r = rev.request("POST", "/api/payments/batches/%d/approve" % b)
check(r.status == 200 and r.json()["approved_by"] == "rcrev", "approved: %r" % r)
check(rev.request("POST", "/api/payments/batches/%d/approve" % b).status == 409, "approved once")
listed = [x for x in clerk.get("/api/payments/batches?month=2020-02").json()["batches"] if x["id"] == b]
check(listed and listed[0]["approved_by"] == "rcrev" and listed[0]["mine"], "listed approved: %r" % listed)
check(wz.request("POST", "/api/payments/batches/%d/bank-file" % b).status == 404, "another county's file")
r = clerk.request("POST", "/api/payments/batches/%d/bank-file?format=csv" % b)
check(r.status == 200 and r.header("Content-Type").startswith("text/csv"), "bank file: %r" % r)
rows = list(csv.reader(io.StringIO(r.body.decode("utf-8-sig"))))
check(rows[0][:4] == ["序号", "姓名/单位名称", "证件号码", "银行账号"] and rows[-1][0] == "合计" and
      rc_account in [x[3] for x in rows[1:-1]] and wz_account not in r.body.decode(),
      "the county's payments, accounts in full: %r" % rows)
r = clerk.request("POST", "/api/payments/batches/%d/bank-file?format=pdf" % b)
check(r.status == 400 and r.json()["field"] == "format", "bad format: %r" % r)

# The other county's batch, approved and exported there; the county's return cannot settle it.
wb = wz.request("POST", "/api/payments/batches", {"month": "2020-02"}).json()["batch"]
check(wb > 0 and wz.request("POST", "/api/payments/batches/%d/approve" % wb).status == 409,
      "four eyes there too")
wzrev = Client(url)
check(wzrev.login("wzrev", pw).status == 200 and
      wzrev.request("POST", "/api/payments/batches/%d/approve" % wb).status == 200, "approved there")
r = wz.request("POST", "/api/payments/batches/%d/bank-file?format=csv" % wb)
wz_rows = list(csv.reader(io.StringIO(r.body.decode("utf-8-sig"))))
check(r.status == 200 and wz_account in [x[3] for x in wz_rows], "exported there: %r" % wz_rows)
ret = ("银行账号,金额,结果,原因\n%s,%s,成功,\n%s,%s,成功,\n" %
       (rc_account, [x[5] for x in rows[1:-1] if x[3] == rc_account][0], wz_account,
        [x[5] for x in wz_rows[1:-1] if x[3] == wz_account][0])).encode()
r = clerk.request("POST", "/api/payments/returns?name=return.csv", raw=ret)
check(r.status == 200 and r.json()["paid"] == 1 and r.json()["errors"] == 1 and
      "没有待回盘的支付" in r.json()["errors_csv"], "return: %r" % r)
r = clerk.request("POST", "/api/payments/returns?name=return.txt", raw=ret)
check(r.status == 400, "a return that is no table: %r" % r)
print("batch", b, wb)
PY
serve_stop
expect_eq "$(sql "SELECT COUNT(*) FROM payment_items WHERE state = '已支付' AND batch_id = (SELECT MIN(id) FROM payment_batches)")" 1 "one payment settled"
expect_eq "$(sql "SELECT COUNT(*) FROM payment_items WHERE state = '已支付' AND batch_id = (SELECT MAX(id) FROM payment_batches)")" 0 "the other county's payment not settled"
expect_eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'export_full' AND target LIKE 'payment_batch:%' AND outcome = 'ok'")" 2 "the bank files audited"
expect_eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'write' AND target LIKE 'comparison:%' AND outcome = 'ok'")" 2 "the runs audited"
bf --db "$db" audit verify >/dev/null
echo ok
