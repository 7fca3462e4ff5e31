#!/bin/sh
# Imports and the calculator through the real server.  A clerk's import is
# limited to their region: a row of a person or an organisation elsewhere is
# rejected into the error file (sent back in the answer) beside the rows in
# error, and a person stored elsewhere refuses the whole file; viewers may
# not import.  The calculator explains a person's period (为什么 / 为什么没有)
# as `bangfu calc --person --explain` does, with the ID number masked, and
# answers another region's person as a missing one.  An import sent with ?progress=TOKEN
# reports its steps, read back by its own user only.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web_lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
cd "$WORK"
db=$(new_db)
bf --db "$db" generate people --count 30 --seed 7 --region 500101 --out people.csv >/dev/null
bf --db "$db" import people people.csv >/dev/null
bf --db "$db" import people "$here/../data/people_basic.csv" >/dev/null
sql "SELECT id_number FROM people WHERE hukou_region LIKE '500101%' ORDER BY id_number" |
    python3 "$here/facts_sql.py" 5 >facts.sql
sql_file "$db" facts.sql
bf --db "$db" generate people --count 5 --seed 9 --region 500101 --out new.csv >/dev/null
pw='Gongzuo-2024!'
echo "$pw" | bf --db "$db" user add clerk --name 万州经办 --region 500101 --roles 经办员
echo "$pw" | bf --db "$db" user add viewer --name 万州查看 --region 500101 --roles 查看员
echo "$pw" | bf --db "$db" user add jining --name 济宁经办 --region 3708 --roles 经办员
# The CLI's explanation of the first person with a job: what the page must say.
first=$(sql "SELECT id_number FROM jobs ORDER BY id_number LIMIT 1")
bf --db "$db" calc --person "$first" --from 2020-01 --to 2020-12 --explain >calc.json
serve_start
python3 - "$url" "$pw" "$first" <<'PY'
import json, sys
from fact_rows import credit_code
from web_client import Client, check
url, pw, first = sys.argv[1:4]
clerk, viewer, jining = Client(url), Client(url), Client(url)
for c, login in ((clerk, "clerk"), (viewer, "viewer"), (jining, "jining")):
    check(c.login(login, pw).status == 200, "login " + login)

def upload(client, kind, name, data):
    return client.request("POST", "/api/imports/%s?name=%s" % (kind, name), raw=data,
                          headers={"Content-Type": "application/octet-stream"})

lines = open("new.csv", encoding="utf-8-sig").read().splitlines()
header = lines[0]
wang = "王强,370811200002290033,男,370811000000,,户主,脱贫享受政策人口,,,,,,,"
bad = lines[1].replace(",男,", ",未知,").replace(",女,", ",未知,")
people = "\n".join([header] + lines[2:] + [wang, bad]) + "\n"
check(upload(viewer, "people", "a.csv", people.encode()).status == 403, "a viewer imports")
check(upload(clerk, "people", "a.txt", people.encode()).status == 400, "not .csv/.xlsx")
check(upload(clerk, "nothing", "a.csv", people.encode()).status == 404, "no such kind")
r = upload(clerk, "people", "新名单.csv", people.encode())
check(r.status == 200, "import: %r" % r)
a = r.json()
check(a["inserted"] == 4 and a["rejected"] == 2 and a["rows"] == 6, "counts: %r" % a)
check("不在您的辖区" in a["errors_csv"] and "370811200002290033" in a["errors_csv"],
      "the row elsewhere in the error file: %r" % a["errors_csv"])
check(a["errors_csv"].count("\n") == 3, "header and two rows in error: %r" % a["errors_csv"])
token = "0123456789abcdef0123456789abcdef"
again = upload(clerk, "people", "新名单.csv&progress=" + token, people.encode()).json()
# The import's steps went to its progress slot: the last line says it is done, to its user only.
p = clerk.get("/api/imports/progress/" + token)
check(p.status == 200 and p.json()["step"] == "done" and p.json()["label"] == "完成", "progress: %r" % p)
check(jining.get("/api/imports/progress/" + token).status == 404, "another clerk's import")
check(clerk.get("/api/imports/progress/" + "f" * 32).status == 404, "no such import")
r = upload(clerk, "people", "b.csv&progress=NOT-HEX", people.encode())
check(r.status == 400 and r.json()["field"] == "progress", "a bad token: %r" % r)
check(again["inserted"] == 0 and again["unchanged"] == 4, "rerun changes nothing: %r" % again)
# Someone stored in 济宁, written as a person of 万州: the whole file is refused.
moved = header + "\n" + wang.replace("370811000000", "500101000000") + "\n" + lines[1] + "\n"
r = upload(clerk, "people", "moved.csv", moved.encode())
check(r.status == 400 and "不在您的辖区" in r.json()["message"], "moving a person: %r" % r)
# Organisations: only those of one's region.
orgs = ("*统一社会信用代码,*单位名称,*单位类型,*所在地区划代码\n%s,万州车间,就业帮扶车间,500101\n"
        "%s,济宁车间,就业帮扶车间,370811\n" % (credit_code("500101", 71), credit_code("370811", 72)))
o = upload(clerk, "orgs", "orgs.csv", orgs.encode()).json()
check(o["inserted"] == 1 and o["rejected"] == 1 and "不在您的辖区" in o["errors_csv"],
      "orgs: %r" % o)

# The calculator: the CLI's explanation, masked.
ref = clerk.get("/api/people?q=" + first).json()["people"][0]["ref"]
r = clerk.get("/api/calc/%s?from=2020-01&to=2020-12" % ref)
check(r.status == 200 and first.encode() not in r.body, "calc, masked: %r" % r)
web = r.json()
cli = json.loads(open("calc.json", encoding="utf-8").read().replace(first, first[:6] + "********" + first[-4:]))
check(web == cli, "the web's calc is the CLI's:\n%s\n%s" % (web, cli))
why = web["explain"][0]
check(why["paid"] and why["paid"][0]["clause"], "为什么: %r" % why["paid"])
check(why["not_paid"] or why["failed"], "为什么没有: %r" % why)
check(viewer.get("/api/calc/%s?from=2020-01&to=2020-12" % ref).status == 200, "a viewer calcs")
check(clerk.get("/api/calc/%s?from=2020-05&to=2020-01" % ref).status == 400, "a bad period")
check(clerk.get("/api/calc/%s?from=2020-01" % ref).status == 400, "to is needed")
check(jining.get("/api/calc/%s?from=2020-01&to=2020-12" % ref).status == 404, "another region")
PY
serve_stop
expect_eq "$(sql "SELECT COUNT(*) FROM people WHERE id_number = '370811200002290033' AND hukou_region = '370811000000'")" \
    1 "the person of 济宁 stays there"
expect_eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE target LIKE 'import:%'")" 7 "imports audited (the refused token too)"
expect_eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'view' AND target LIKE 'person:%'")" \
    5 "calcs audited as views (refusals too)"
bf --db "$db" audit verify >/dev/null
echo ok
