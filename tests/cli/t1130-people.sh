#!/bin/sh
# The people API through the real server: search and person pages limited
# to the user's region (another region's person is answered exactly as a
# missing one), ID numbers and phones masked unless the role may see them in
# full and asks, every view audited (full views as view_full), edits of the
# 四清 fields validated with Chinese messages naming the field, written with
# history and audited, and references that cannot be forged.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web_lib.sh"
data="$(cd "$(dirname "$0")/../data" && pwd)"
db=$(new_db)
cp "$data/people_basic.csv" "$WORK/basic.csv"
bf --db "$db" import people "$WORK/basic.csv" >/dev/null
pw='Gongzuo-2024!'
echo "$pw" | bf --db "$db" user add jining --name 济宁 --region 3708 --roles 经办员
echo "$pw" | bf --db "$db" user add rencheng --name 任城查看 --region 370811 --roles 查看员
echo "$pw" | bf --db "$db" user add chongqing --name 重庆 --region 50 --roles 经办员,审核员
serve_start
python3 - "$url" "$pw" <<'PY'
import re, sys
from web_client import Client, check
url, pw = sys.argv[1], sys.argv[2]
jining, viewer, chongqing = Client(url), Client(url), Client(url)
for c, login in ((jining, "jining"), (viewer, "rencheng"), (chongqing, "chongqing")):
    check(c.login(login, pw).status == 200, "login " + login)

found = jining.get("/api/people?q=王强")
check(found.status == 200, "search: %r" % found)
people = found.json()["people"]
check(len(people) == 1 and people[0]["name"] == "王强", "search by name: %r" % people)
wang = people[0]
check(wang["id_number"] == "370811********0033", "masked ID in the list: " + wang["id_number"])
check("370811200002290033" not in found.body.decode(), "no full ID in the list")
by_id = jining.get("/api/people?q=3708112000").json()["people"]
check([p["name"] for p in by_id] == ["王强"], "search by the start of an ID number: %r" % by_id)
everyone = jining.get("/api/people").json()["people"]
check(everyone and all(p["hukou_region"].startswith("3708") for p in everyone),
      "only Jining's people: %r" % [p["hukou_region"] for p in everyone])
page = jining.get("/api/people?limit=1&offset=1").json()
check(len(page["people"]) == 1 and page["more"] is True and page["people"][0]["ref"] != everyone[0]["ref"]
      and page["people"][0]["name"] == everyone[1]["name"], "paging")
check(jining.get("/api/people?limit=0").status == 400, "bad limit")
check(jining.get("/api/people?region=50").status == 404, "a region outside: 404")
check(jining.get("/api/people?q=%25").json()["people"] == [], "% is a character, not a wildcard")
cq = chongqing.get("/api/people").json()["people"]
check(cq and all(p["hukou_region"].startswith("50") for p in cq), "Chongqing sees its own")
check(all(p["name"] != "王强" for p in cq), "and not Jining's")

ref = wang["ref"]
view = jining.get("/api/people/" + ref)
check(view.status == 200, "person: %r" % view)
person = view.json()
check(person["name"] == "王强" and person["id_number"] == "370811********0033", "masked view")
check(person["phone"] == "139****5678", "masked phone: " + str(person["phone"]))
check(person["masked"] is True, "says masked")
for key in ("jobs", "trainings", "enrolments", "insurance", "residence", "history",
            "employment_status", "hukou_region_name"):
    check(key in person, "person has " + key)
full = jining.get("/api/people/" + ref + "?full=1").json()
check(full["id_number"] == "370811200002290033" and full["phone"] == "13912345678", "full view")
denied = viewer.get("/api/people/" + ref + "?full=1")
check(denied.status == 403, "a viewer may not see in full: %r" % denied)
check(viewer.get("/api/people/" + ref).status == 200, "a viewer sees the masked view")

# Another region's person is answered exactly as a missing one.
other = chongqing.get("/api/people/" + ref)
forged = chongqing.get("/api/people/" + ref[:-4] + ("AAAA" if ref[-4:] != "AAAA" else "BBBB"))
made_up = chongqing.get("/api/people/370811200002290033")
check(other.status == forged.status == made_up.status == 404, "404s: %r %r %r" % (other, forged, made_up))
check(other.body == forged.body == made_up.body, "the same body for elsewhere and missing")
check(jining.get("/api/people/370811200002290033").status == 404, "an ID number is no reference")

# Edits: the 四清 fields and the phone, checked against the lists.
bad = jining.request("PATCH", "/api/people/" + ref, {"employment_status": "当官"})
check(bad.status == 400 and bad.json()["field"] == "employment_status", "bad value: %r" % bad)
check("就业状态" in bad.json()["message"] and "当官" in bad.json()["message"], "message names it")
bad = jining.request("PATCH", "/api/people/" + ref, {"phone": "12345"})
check(bad.status == 400 and bad.json()["field"] == "phone", "bad phone: %r" % bad)
bad = jining.request("PATCH", "/api/people/" + ref, {"name": "王二"})
check(bad.status == 400 and bad.json()["field"] == "name", "name is not editable: %r" % bad)
bad = jining.request("PATCH", "/api/people/" + ref, {"skills": 3})
check(bad.status == 400, "a number is no text")
check(viewer.request("PATCH", "/api/people/" + ref, {"phone": "13800001111"}).status == 403,
      "a viewer may not edit")
check(chongqing.request("PATCH", "/api/people/" + ref, {"phone": "13800001111"}).status == 404,
      "another region may not edit")
ok = jining.request("PATCH", "/api/people/" + ref,
                    {"phone": "138 0000 1111", "employment_status": "未就业"})
check(ok.status == 200, "edit: %r" % ok)
after = ok.json()
check(after["employment_status"] == "未就业" and after["phone"] == "138****1111", "edited: %r" % after)
history = {h["field"]: h for h in after["history"]}
check(history["employment_status"]["old_value"] == "已就业", "history old value")
check(history["phone"]["new_value"] == "138****1111", "phone masked in history too")
PY
serve_stop
expect_eq "$(sql "SELECT phone || ' ' || employment_status FROM people WHERE id_number = '370811200002290033'")" \
    "13800001111 未就业" "stored edit"
expect_eq "$(sql "SELECT kind || ' ' || source FROM batches WHERE id = (SELECT updated_batch FROM people WHERE id_number = '370811200002290033')")" \
    "user jining" "the edit's batch names the user"
expect_eq "$(count_dangling)" 0 "no dangling rows"
expect_eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'view_full' AND target = 'person:370811200002290033' AND outcome = 'ok'")" \
    1 "the full view audited"
expect_eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'view_full' AND outcome = 'denied'")" \
    1 "the refused full view audited"
expect_eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE actor = 'chongqing' AND action = 'view' AND outcome = 'not_found'")" \
    3 "views of others audited as not found"
expect_eq "$(sql "SELECT detail FROM audit_log WHERE action = 'write' AND outcome = 'ok'")" \
    '{"fields":["phone","employment_status"]}' "the write audited with its fields"
test "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'write' AND outcome = 'invalid'")" -ge 4 ||
    fail "refused edits audited"
bf --db "$db" audit verify >/dev/null
echo ok
