#!/bin/sh
# The ledger through the real server: a clerk runs a month over their region
# (the lines equal the CLI's), each user sees the runs and lines of their
# region only (another region's run is 404), ID numbers masked unless asked
# by a role that may; four eyes: the one who ran it cannot approve, and the
# refusal changes nothing; a township's reviewer approves exactly the
# township's lines, rejects one by number, cannot review lines elsewhere;
# XLSX and CSV downloads hold the region's lines; every write audited.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web_lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
cd "$WORK"
db=$(new_db)
bf --db "$db" generate people --count 60 --seed 7 --region 500101 --out people.csv >/dev/null
bf --db "$db" import people people.csv >/dev/null
sql "SELECT id_number FROM people ORDER BY id_number" | python3 "$here/facts_sql.py" 5 >facts.sql
sql_file "$db" facts.sql
pw='Gongzuo-2024!'
echo "$pw" | bf --db "$db" user add both --name 经办兼审核 --region 500101 --roles 经办员,审核员
echo "$pw" | bf --db "$db" user add reviewer --name 县审核 --region 500101 --roles 审核员
echo "$pw" | bf --db "$db" user add fuling --name 涪陵审核 --region 500102 --roles 审核员
echo "$pw" | bf --db "$db" user add viewer --name 县查看 --region 500101 --roles 查看员
serve_start
python3 - "$url" "$pw" "$BANGFU" "$db" <<'PY'
import csv, io, subprocess, sys
from web_client import Client, check
url, pw, bangfu, db = sys.argv[1:5]
c = {}
for login in ("both", "reviewer", "fuling", "viewer"):
    c[login] = Client(url)
    check(c[login].login(login, pw).status == 200, "login " + login)

check(c["viewer"].request("POST", "/api/ledger/runs", {"month": "2020-05"}).status == 403,
      "a viewer may not run")
check(c["both"].request("POST", "/api/ledger/runs", {"month": "2020-5x"}).status == 400,
      "bad month")
r = c["both"].request("POST", "/api/ledger/runs", {"month": "2020-05"})
check(r.status == 200, "run: %r" % r)
run = r.json()
check(run["due"] > 0 and run["month"] == "2020-05", "run counts: %r" % run)
rid = run["run"]
again = c["both"].request("POST", "/api/ledger/runs", {"month": "2020-05"}).json()
check(again["due"] == 0 and again["unchanged"] == run["due"], "a rerun writes nothing: %r" % again)

runs = c["viewer"].get("/api/ledger/runs?month=2020-05").json()["runs"]
mine = [x for x in runs if x["id"] == rid]
check(len(mine) == 1 and mine[0]["operator"] == "both" and mine[0]["pending"] == run["due"]
      and mine[0]["lines"] == run["due"], "the run as the county sees it: %r" % runs)
check(c["fuling"].get("/api/ledger/runs").json()["runs"] == [], "another county sees no run")
check(c["fuling"].get("/api/ledger/lines?run=%d" % rid).json()["lines"] == [],
      "nor its lines")
r = c["fuling"].request("POST", "/api/ledger/runs/%d/review" % rid,
                        {"decision": "approve", "reason": "好"})
check(r.status == 404, "another county reviews: %r" % r)
lines = c["viewer"].get("/api/ledger/lines?run=%d&limit=500" % rid).json()
check(len(lines["lines"]) == run["due"] and lines["masked"], "the county's lines")
for line in lines["lines"]:
    check("*" in line["person"] and line["state"] == "待审核" and line["amount_fen"] > 0,
          "masked pending line: %r" % line)
check(c["viewer"].get("/api/ledger/lines?full=1").status == 403, "a viewer sees no full IDs")
full = c["reviewer"].get("/api/ledger/lines?full=1&run=%d" % rid).json()["lines"]
check(all("*" not in x["person"] and len(x["person"]) == 18 for x in full), "full IDs")
# The reviewer of one township (of the first line): a part of the county.
town = full[0]["region"][:9]
subprocess.run([bangfu, "--db", db, "user", "add", "town", "--name", "乡镇审核", "--region", town,
                "--roles", "审核员"], input=pw.encode(), check=True)
c["town"] = Client(url)
check(c["town"].login("town", pw).status == 200, "login town")
in_town = [x for x in full if x["region"].startswith(town)]
town_lines = c["town"].get("/api/ledger/lines?run=%d" % rid).json()["lines"]
check(len(town_lines) == len(in_town) > 0 and all(x["region"].startswith(town) for x in town_lines),
      "the township's lines: %d of %d" % (len(town_lines), len(in_town)))
town_run = [x for x in c["town"].get("/api/ledger/runs").json()["runs"] if x["id"] == rid]
check(town_run and town_run[0]["lines"] == len(in_town), "the run counted in the township")

# Four eyes: the one who ran it cannot approve; nothing changes.
r = c["both"].request("POST", "/api/ledger/runs/%d/review" % rid,
                      {"decision": "approve", "reason": "自审"})
check(r.status == 409 and "双人复核" in r.json()["message"], "four eyes: %r" % r)
check(c["viewer"].get("/api/ledger/runs").json()["runs"][0]["approved"] == 0, "nothing approved")
check(c["both"].request("POST", "/api/ledger/runs/%d/review" % rid,
                        {"decision": "maybe", "reason": "x"}).status == 400, "bad decision")
check(c["town"].request("POST", "/api/ledger/runs/%d/review" % rid,
                        {"decision": "approve"}).status == 400, "a reason is needed")
# The township approves its own lines, and only them.
r = c["town"].request("POST", "/api/ledger/runs/%d/review" % rid,
                      {"decision": "approve", "reason": "核实无误"})
check(r.status == 200 and r.json()["reviewed"] == len(in_town), "township approves: %r" % r)
counted = [x for x in c["viewer"].get("/api/ledger/runs").json()["runs"] if x["id"] == rid][0]
check(counted["approved"] == len(in_town) and counted["pending"] == run["due"] - len(in_town),
      "only the township's lines approved: %r" % counted)
r = c["town"].request("POST", "/api/ledger/runs/%d/review" % rid,
                      {"decision": "approve", "reason": "再审"})
check(r.status == 409, "nothing pending left in the township: %r" % r)
# One line elsewhere by number: the township cannot, the county reviewer rejects it.
other = [x for x in full if not x["region"].startswith(town)][0]
body = {"decision": "reject", "reason": "材料不全", "lines": [other["id"]]}
check(c["town"].request("POST", "/api/ledger/runs/%d/review" % rid, body).status == 404,
      "a line outside the township")
r = c["reviewer"].request("POST", "/api/ledger/runs/%d/review" % rid, body)
check(r.status == 200 and r.json()["reviewed"] == 1 and r.json()["state"] == "已驳回",
      "reject one: %r" % r)
check(c["reviewer"].request("POST", "/api/ledger/runs/999/review",
                            {"decision": "approve", "reason": "x"}).status == 404, "no such run")

# Downloads: the region's lines, masked unless asked.
x = c["town"].get("/api/ledger/export?run=%d" % rid)
check(x.status == 200 and x.body[:2] == b"PK" and "spreadsheetml" in x.header("Content-Type"),
      "xlsx: %r" % x)
check("filename*=UTF-8''%%E5%%8F%%B0%%E8%%B4%%A6_%%E6%%89%%B9%%E6%%AC%%A1%d.xlsx" % rid
      in x.header("Content-Disposition"), "saved as 台账_批次N.xlsx: %r" % x.header("Content-Disposition"))
x = c["viewer"].get("/api/ledger/export?format=csv&month=2020-05")
check(x.header("Content-Disposition").endswith("''%E5%8F%B0%E8%B4%A6.csv"), "without a run: 台账.csv")
rows = list(csv.DictReader(io.StringIO(x.body.decode("utf-8-sig"))))
check(len(rows) == run["due"] and all("*" in r["人员证件号码"] for r in rows), "csv rows")
check(sum(r["状态"] == "已审核" for r in rows) == len(in_town), "csv states")
x = c["reviewer"].get("/api/ledger/export?format=csv&full=1&state=已驳回")
rows = list(csv.DictReader(io.StringIO(x.body.decode("utf-8-sig"))))
check(len(rows) == 1 and rows[0]["人员证件号码"] == other["person"], "full csv: %r" % rows)
check(c["fuling"].get("/api/ledger/export?format=csv").body.decode("utf-8-sig").count("\n") == 1,
      "another county downloads a header only")
PY
serve_stop
expect_eq "$(sql "SELECT COUNT(*) FROM ledger_reviews WHERE reviewer = 'both'")" 0 "no self review"
expect_eq "$(sql "SELECT COUNT(*) FROM ledger_lines WHERE state = '已驳回'")" 1 "one rejected"
expect_eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE target LIKE 'ledger_run:%' AND action = 'write'")" \
    9 "each review audited (refusals too)"
expect_eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action IN ('export', 'export_full')")" 4 \
    "each download audited"
bf --db "$db" audit verify >/dev/null
echo ok
