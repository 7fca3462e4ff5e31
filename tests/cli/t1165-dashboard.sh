#!/bin/sh
# The dashboard's figures through the real server, against a small model
# over the stored rows: employment at the end of the year by child region
# and where (the same county, the province, outside), the ledger's
# subsidies by benefit and month (rejected lines left out), the targets'
# table; another county's officer sees none of it; ECharts is served from
# node_modules under /vendor/ (no CDN).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web_lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
cd "$WORK"
db=$(new_db)
bf --db "$db" generate people --count 40 --seed 7 --region 500101 --out people.csv >/dev/null
bf --db "$db" import people people.csv >/dev/null
sql "SELECT id_number FROM people ORDER BY id_number" | python3 "$here/facts_sql.py" 5 >facts.sql
sql_file "$db" facts.sql
for month in 2020-05 2020-06; do
    bf --db "$db" ledger run --month $month --region 500101 --by 张三 >/dev/null
done
bf --db "$db" ledger reject --line 1 --reviewer 李四 --reason 重复 >/dev/null
pw='Gongzuo-2024!'
echo "$pw" | bf --db "$db" user add wanzhou --name 万州查看 --region 500101 --roles 查看员
echo "$pw" | bf --db "$db" user add jining --name 济宁查看 --region 370811 --roles 查看员
sql "SELECT DISTINCT p.id_number || '|' || p.hukou_region || '|' || j.region FROM jobs j JOIN people p
     ON p.id_number = j.id_number WHERE j.start_date <= '2020-12-31' AND (j.end_date IS NULL OR
     j.end_date >= '2020-12-31')" >jobs.txt
sql "SELECT benefit || '|' || month || '|' || amount_fen FROM ledger_lines WHERE state <> '已驳回'" >lines.txt
# From a directory without web/: bangfu serve finds the pages next to the binary (../web from
# build/bangfu), not build/web/, which holds the objects of src/web/.
serve_start
ROOT="$here/../.." python3 - "$url" "$pw" <<'PY'
import collections, os, sys
from web_client import Client, check
url, pw = sys.argv[1:3]
wanzhou, jining = Client(url), Client(url)
check(wanzhou.login("wanzhou", pw).status == 200 and jining.login("jining", pw).status == 200, "login")
r = wanzhou.get("/api/dashboard?year=2020")
check(r.status == 200, "dashboard: %r" % r)
d = r.json()
# The model: each spell running at the year's end, by township and where.
model = collections.Counter()
for line in open(os.path.join(os.environ["WORK"], "jobs.txt")):
    _, hukou, work = line.strip().split("|")
    where = "county" if work[:6] == hukou[:6] else "province" if work[:2] == hukou[:2] else "outside"
    model[(hukou[:9], where)] += 1
seen = collections.Counter()
for region in d["employment"]:
    for where in ("county", "province", "outside"):
        if region[where]:
            seen[(region["code"][:9], where)] += region[where]
check(seen == model and sum(model.values()) > 0, "employment: %r, model %r" % (seen, model))
check(len(d["employment"]) > 10 and all(x["name"] for x in d["employment"]), "every township named")
# Subsidies: every line not rejected, by benefit and month.
model = collections.Counter()
for line in open(os.path.join(os.environ["WORK"], "lines.txt")):
    benefit, month, fen = line.strip().split("|")
    model[(benefit, int(month[5:]))] += int(fen)
seen = collections.Counter()
for b in d["subsidies"]:
    check(b["name"] and b["name"] != b["id"], "a benefit's name: %r" % b)
    for m, fen in enumerate(b["fen"]):
        if fen:
            seen[(b["id"], m + 1)] += fen
check(seen == model and len(model) > 1, "subsidies: %r, model %r" % (seen, model))
check("完成数" in d["targets"]["columns"] and d["targets"]["rows"], "targets: %r" % d["targets"])
other = jining.get("/api/dashboard?year=2020").json()
check(other["subsidies"] == [] and all(x["county"] + x["province"] + x["outside"] == 0
                                       for x in other["employment"]), "another county sees none")
check(wanzhou.get("/api/dashboard?year=1900").status == 400, "a bad year")
js = wanzhou.get("/vendor/echarts.min.js")
if os.path.exists(os.path.join(os.environ["ROOT"], "node_modules/echarts/dist/echarts.min.js")):
    check(js.status == 200 and b"echarts" in js.body[:2000] and len(js.body) > 500000,
          "ECharts served")
else:  # scripts/setup.sh installs it; a checkout without it serves none
    check(js.status == 404, "no ECharts without node_modules/echarts: %r" % js)
    print("ECharts not checked: node_modules/echarts missing (run scripts/setup.sh)")
page = wanzhou.get("/").body
check(b'src="/vendor/echarts.min.js"' in page and b"http" not in page.split(b"<body>")[0], "no CDN: %r" % page[:600])
PY
serve_stop
echo ok
