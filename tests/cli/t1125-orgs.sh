#!/bin/sh
# Organisations through the real server (route_org.c): the 名录库 of the user's region is the
# CLI's `org list` (another county's carriers never show), one organisation with its decisions
# and status on a day as `org show`, and a decision taken as `org certify` takes it: a 认定 the
# rule refuses (9 hires of 10 on the day) is a 409 naming the condition and the field
# exception, one with the reason of an exception or on a day the rule holds is recorded and
# audited; a decision twice is a 409, a missing or unknown field a 400 naming it, and an
# organisation of another region a 404 exactly as one that does not exist.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web_lib.sh"
here="$(cd "$(dirname "$0")" && pwd)"
id() { python3 "$here/carrier_data.py" id "$@"; }
code() { python3 "$here/carrier_data.py" code "$@"; }
db=$(new_db)
cd "$WORK"
W=$(code 140105 1)   # 山西 小店区: an enterprise on free premises, 11, 10 then 9 hires
J=$(code 370811 4)   # 济宁 任城区: a workshop
{
    echo "姓名,证件号码,户籍地区划代码,帮扶类别"
    for i in $(seq 1 11); do echo "人$i,$(id 140105 19800101 $i),140105,建档立卡贫困人口"; done
} >people.csv
bf --db "$db" import people people.csv >/dev/null
cat >orgs.csv <<CSV
统一社会信用代码,单位名称,单位类型,所在地区划代码,职工人数,免费提供场地
$W,小店扶贫车间,企业,140105,30,是
$J,任城区帮扶车间,扶贫车间,370811,10,否
CSV
bf --db "$db" import orgs orgs.csv >/dev/null
{
    echo "证件号码,单位统一社会信用代码,工作地区划代码,就业形式,开始日期,结束日期"
    for i in $(seq 1 11); do
        end=""
        [ "$i" = 11 ] && end=2020-06-10
        [ "$i" = 10 ] && end=2020-06-20
        echo "$(id 140105 19800101 $i),$W,140105,企业就业,2020-03-01,$end"
    done
} >jobs.csv
bf --db "$db" import jobs jobs.csv >/dev/null
bf --db "$db" org certify "$J" --as 扶贫车间 --date 2020-01-01 --document 任人社〔2020〕1号 \
    --body 任城区人社局 --force 试点 >/dev/null
pw='Gongzuo-2024!'
echo "$pw" | bf --db "$db" user add xiaodian --name 小店经办 --region 140105 --roles 经办员
echo "$pw" | bf --db "$db" user add rencheng --name 任城经办 --region 370811 --roles 经办员
bf --db "$db" org list --region 140105 --date 2020-06-15 --out list.csv
serve_start
python3 - "$url" "$pw" "$W" "$J" <<'PY'
import csv, sys
from web_client import Client, check
url, pw, W, J = sys.argv[1:5]
xd, rc = Client(url), Client(url)
check(xd.login("xiaodian", pw).status == 200 and rc.login("rencheng", pw).status == 200, "login")
listed = xd.get("/api/orgs?date=2020-06-15").json()
cli = list(csv.reader(open("list.csv", encoding="utf-8-sig")))
check([listed["columns"]] + listed["rows"] == cli, "the CLI's list: %r / %r" % (listed, cli))
check(J not in str(listed), "only the own region's carriers")
check(J in str(rc.get("/api/orgs").json()["rows"]), "the other county sees its own")
for bad, field in (("carrier=汽车", "carrier"), ("status=maybe", "status"), ("date=2020-13-01", "date")):
    r = xd.get("/api/orgs?" + bad)
    check(r.status == 400 and r.json()["field"] == field, "%s refused naming %s: %r" % (bad, field, r))
# Another region's organisation is answered as one that does not exist.
missing = xd.get("/api/orgs/91110000600037341L")
other = xd.get("/api/orgs/" + J)
check(missing.status == other.status == 404 and missing.body == other.body, "404 alike: %r" % other)
check(rc.get("/api/orgs/" + J).json()["status"] == {"workshop": "certified"}, "J certified")
decide = lambda client, code, body: client.request("POST", "/api/orgs/%s/decisions" % code, body)
base = {"carrier": "扶贫车间", "document": "小人社〔2020〕1号", "body": "小店区人社局"}
r = decide(xd, W, dict(base, date="2020-06-25"))
check(r.status == 409 and r.json()["field"] == "exception" and
      "hires_at_least 10" in r.json()["message"] and "实际：9" in r.json()["message"],
      "refused naming the condition: %r" % r)
for missing_field in ("carrier", "document", "body", "date"):
    body = dict(base, date="2020-06-15")
    del body[missing_field]
    r = decide(xd, W, body)
    check(r.status == 400 and r.json()["field"] == missing_field, "%s missing: %r" % (missing_field, r))
r = decide(xd, W, dict(base, date="2020-06-15", action="吊销"))
check(r.status == 400 and r.json()["field"] == "action", "unknown action: %r" % r)
check(decide(xd, J, dict(base, date="2020-06-15")).status == 404, "another region's org")
r = decide(xd, W, dict(base, date="2020-06-15"))
check(r.status == 200 and r.json()["rule_holds"] is True and r.json()["exception"] is None,
      "10 hires on 06-15: certified by the rule: %r" % r)
r = decide(xd, W, dict(base, date="2020-06-15"))
check(r.status == 409 and r.json()["error"] == "conflict", "twice: %r" % r)
r = decide(xd, W, dict(base, date="2020-07-01", action="退出", reason="停产"))
check(r.status == 200 and r.json()["action"] == "exit", "exit: %r" % r)
shown = xd.get("/api/orgs/%s?date=2020-06-30" % W).json()
check(shown["status"] == {"workshop": "certified"} and
      [d["action"] for d in shown["decisions"]] == ["certify", "exit"], "shown: %r" % shown)
check(xd.get("/api/orgs/%s?date=2020-07-02" % W).json()["status"] == {"workshop": "not_certified"},
      "exited")
st = xd.get("/api/orgs?date=2020-06-30&status=certified").json()["rows"]
check(len(st) == 1 and st[0][1] == W and st[0][5] == "已认定", "certified in the list: %r" % st)
PY
serve_stop
bf --db "$db" org show "$W" --json --date 2020-06-30 | grep -q '"rule":"shanxi127.workshop_certified"' ||
    fail "the decision as the CLI sees it"
expect_eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE target = 'org:$W' AND action = 'write' AND outcome = 'ok'")" 2 "decisions audited"
expect_eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE target = 'org:$W' AND outcome = 'conflict'")" 2 "refusals audited"
bf --db "$db" audit verify >/dev/null
echo ok
