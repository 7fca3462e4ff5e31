#!/bin/sh
# Local parameters through the real server (route_param.c): the values in effect on a day and
# the history of the user's region are the CLI's (`param list|history --json`: the region's own
# rows, those of the regions above it, never another province's); a 经办员 sets a value for the
# own region, kept with the login as its setter and audited; a value, name, date or window
# that does not fit is a 400 naming the field (the unit the policy files declare), a region
# above or beside the user's a 404.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web_lib.sh"
db=$(new_db)
cd "$WORK"
bf --db "$db" param set min_wage --region 370800 --from 2020-01-01 --value 1730 --by 市局 >/dev/null
bf --db "$db" param set min_wage --region 370811 --from 2020-07-01 --value 1800.5 --by 区局 >/dev/null
bf --db "$db" param set min_wage --region 140105 --from 2020-01-01 --value 1700 --by 山西 >/dev/null
bf --db "$db" param set epidemic_period --region 37 --from 2020-01-24 --to 2020-06-30 >/dev/null
pw='Gongzuo-2024!'
echo "$pw" | bf --db "$db" user add rencheng --name 任城经办 --region 370811 --roles 经办员
serve_start
bf --db "$db" param list --region 370811 --at 2021-12-31 --json >at.json
bf --db "$db" param history min_wage --region 370811 --json >history.json
python3 - "$url" "$pw" <<'PY'
import json, sys
from web_client import Client, check
url, pw = sys.argv[1:3]
c = Client(url)
check(c.login("rencheng", pw).status == 200, "login")
r = c.get("/api/parameters?at=2021-12-31").json()
check(r["at"] == "2021-12-31" and r["parameters"] == json.load(open("at.json")), "the CLI's list: %r" % r)
h = c.get("/api/parameters?history=1&name=min_wage").json()["parameters"]
check(h == json.load(open("history.json")) and "140000" not in str(h) and len(h) == 2,
      "the CLI's history, no Shanxi: %r" % h)
post = lambda body: c.request("POST", "/api/parameters", body)
r = post({"name": "min_wage", "region": "370811", "from": "2022-01-01", "value": "2000",
          "source": "鲁政字〔2021〕9号"})
check(r.status == 200 and r.json()["set_by"] == "rencheng" and r.json()["value"] == "2000.00" and
      r.json()["text"] == "2000.00 元/月", "set: %r" % r)
now = c.get("/api/parameters?at=2022-01-01&name=min_wage").json()["parameters"]
check([(x["region"], x["value"]) for x in now] == [("370800", "1730.00"), ("370811", "2000.00")],
      "in effect: %r" % now)
base = {"name": "min_wage", "region": "370811", "from": "2022-02-01", "value": "1"}
for change, field, words in (({"value": "一千"}, "value", "元金额"),
                              ({"name": "no_such"}, "name", "no_such"),
                              ({"from": "2022-02-30"}, "from", "2022-02-30"),
                              ({"from": None}, "from", "起始日期"),
                              ({"to": "2022-03-01"}, "to", "window"),
                              ({"value": 5}, "value", "文本"),
                              ({"region": "37081"}, "region", "37081")):
    r = post(dict(base, **change))
    check(r.status == 400 and r.json()["field"] == field and words in r.json()["message"],
          "%r refused naming %s: %r" % (change, field, r))
for region in ("370800", "140105"):
    r = post(dict(base, region=region))
    check(r.status == 404 and r.json()["field"] == "region", "region %s: %r" % (region, r))
check(c.get("/api/parameters?at=2022-13-01").json()["field"] == "at", "bad day")
PY
serve_stop
expect_eq "$(bf --db "$db" param history min_wage --region 370811 --json | grep -c '"set_by": "rencheng"')" 1 "stored once"
expect_eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE target = 'parameter:min_wage' AND action = 'write' AND outcome = 'ok'")" 1 "the write audited"
expect_eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'write' AND outcome = 'invalid'")" 7 "refusals audited"
echo ok
