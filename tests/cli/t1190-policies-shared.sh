#!/bin/sh
# The server's one policy set (web_policies.c): loaded at start and shared by the workers, not
# read again per request (a policy file changed on disk changes nothing until SIGHUP); SIGHUP
# puts the changed files in force, and a reload that fails (a broken file) keeps the set in
# force and logs the file and line; a server started over broken files answers calc 500, people
# reads 200, until a reload loads them.  Stored parameters are not part of the shared set:
# a value set through POST /api/parameters is in the next calc (a stale shared set fails here).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web_lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
cd "$WORK"
db=$(new_db)
cp -R "$here/../../policies" policies
export BANGFU_POLICIES="$WORK/policies"
bf --db "$db" generate people --count 30 --seed 7 --region 500101 --out people.csv >/dev/null
bf --db "$db" import people people.csv >/dev/null
sql "SELECT id_number FROM people ORDER BY id_number" | python3 "$here/facts_sql.py" 5 >facts.sql
sql_file "$db" facts.sql
pw='Gongzuo-2024!'
echo "$pw" | bf --db "$db" user add wanzhou --name 万州经办 --region 500101 --roles 经办员
echo "$pw" | bf --db "$db" user add jining --name 济宁经办 --region 370811 --roles 经办员
first=$(sql "SELECT id_number FROM jobs ORDER BY id_number LIMIT 1")
cat >calc.py <<'PY'
"""calc.py URL PASSWORD ID WHAT: the web's calc of ID over 2020 meets WHAT."""
import sys
from web_client import Client, check
url, pw, person, what = sys.argv[1:5]
c = Client(url, check=what != "500")  # a 500 is no answer the document declares
check(c.login("wanzhou", pw).status == 200, "login")
ref = c.get("/api/people?q=" + person).json()["people"][0]["ref"]
r = c.get("/api/calc/%s?from=2020-01&to=2020-12" % ref)
if what == "500":
    check(r.status == 500, "calc without policies: %r" % r)
    sys.exit(0)
check(r.status == 200, "calc: %r" % r)
paid = {}
for e in r.json()["entitlements"]:
    paid[e["benefit"]] = paid.get(e["benefit"], 0) + e["amount"]
warned = [w["message"] for w in r.json()["warnings"]]
if what.startswith("meal="):
    check(paid.get("jining47.transport_meal") == float(what[5:]), "transport_meal %s: %r" % (what, paid))
elif what == "no-insurance":
    check("jining47.social_insurance_subsidy" not in paid and
          any("difficult_person_social_insurance_subsidy" in m for m in warned),
          "no subsidy and a warning before the value is set: %r %r" % (paid, warned))
elif what == "insurance":
    check(paid.get("jining47.social_insurance_subsidy", 0) > 0 and
          not any("difficult_person_social_insurance_subsidy" in m for m in warned),
          "the value set through the API is in force: %r %r" % (paid, warned))
PY
# wait_log TEXT: waits until the server's log has a line with TEXT (at most 10 s).
wait_log() {
    for _i in $(seq 100); do
        [ "$(grep -c "$1" "$WORK/serve.err")" -ge "${2:-1}" ] && return 0
        sleep 0.1
    done
    fail "no '$1' in the server's log: $(cat "$WORK/serve.err")"
}
calc() { python3 calc.py "$url" "$pw" "$first" "$1"; }

serve_start
calc no-insurance
python3 - "$url" "$pw" <<'PY'
import sys
from web_client import Client, check
url, pw = sys.argv[1:3]
c = Client(url)
check(c.login("jining", pw).status == 200, "login")
r = c.request("POST", "/api/parameters", {"name": "difficult_person_social_insurance_subsidy",
              "region": "370811", "from": "2020-01-01", "value": "500"})
check(r.status == 200, "set: %r" % r)
PY
calc insurance
calc meal=1500
# A file changed on disk is not read by a request: the set was loaded at start.
sed -i 's/amount = { once = 1500 }/amount = { once = 1600 }/' policies/jining_2020_47.lua
grep -q 'once = 1600' policies/jining_2020_47.lua || fail "the policy file was not changed"
calc meal=1500
kill -HUP "$serve_pid"
wait_log "policy files reloaded"
calc meal=1600
calc insurance
# A reload that fails keeps the set in force and says which file and line.
printf 'benefit {\n  id = = 1\n}\n' >policies/zz_broken.lua
kill -HUP "$serve_pid"
wait_log "not reloaded.*zz_broken.lua:2"
calc meal=1600
serve_stop
# Started over broken files: calc answers 500, the rest serves, a reload repairs.
serve_start
wait_log "did not load.*zz_broken.lua:2"
calc 500
rm policies/zz_broken.lua
kill -HUP "$serve_pid"
wait_log "policy files reloaded"
calc meal=1600
serve_stop
bf --db "$db" audit verify >/dev/null
echo ok
