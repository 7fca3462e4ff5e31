#!/bin/sh
# The audit writer under concurrent requests (issue 17 item 7): 32 clients at once reading
# people and editing one make exactly one entry per request, in one unbroken chain that
# bangfu audit verify accepts, and a changed entry among them is still found.  When the
# writer cannot commit an entry the request's answer is a 500 without the personal data
# (nothing unaudited leaves the server), and the server goes on once it can again.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web_lib.sh"
data="$(cd "$(dirname "$0")/../data" && pwd)"
db=$(new_db)
bf --db "$db" import people "$data/people_basic.csv" >/dev/null
pw='Gongzuo-2024!'
echo "$pw" | bf --db "$db" user add county --name 张科长 --region 370811 --roles 经办员
serve_start
before=$(sql "SELECT COUNT(*) FROM audit_log")
python3 - "$url" "$pw" <<'PY'
import sys, threading
from web_client import Client, check
url, pw = sys.argv[1], sys.argv[2]
c = Client(url)
check(c.login("county", pw).status == 200, "login")
refs = [p["ref"] for p in c.get("/api/people").json()["people"]]
check(len(refs) >= 3, "people: %d" % len(refs))
failures = []
def work(n):
    for i in range(8):
        if n < 4 and i == 0:
            r = c.request("PATCH", "/api/people/" + refs[0], {"phone": "1380000%04d" % n})
        else:
            r = c.get("/api/people/" + refs[(n + i) % len(refs)])
        if r.status != 200:
            failures.append(repr(r))
threads = [threading.Thread(target=work, args=(n,)) for n in range(32)]
for t in threads: t.start()
for t in threads: t.join()
check(not failures, "every request answered: %s" % failures[:3])
PY
after=$(sql "SELECT COUNT(*) FROM audit_log")
# login + search + 32 x 8 requests (4 of them writes)
expect_eq "$((after - before))" 258 "one entry per request"
expect_eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'write'")" 4 "the writes"
expect_eq "$(sql "SELECT MAX(seq) FROM audit_log")" "$after" "seq without gaps"
bf --db "$db" audit verify >/dev/null || fail "the chain holds after the load"

# The writer cannot commit (a trigger refuses views): the answer is 500, no personal data.
if [ "$ENGINE" = postgresql ]; then
    sql "CREATE FUNCTION t1170_refuse() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN IF NEW.action = 'view' THEN RAISE EXCEPTION 'refused by t1170'; END IF; RETURN NEW; END \$\$" >/dev/null
    sql "CREATE TRIGGER t1170_refuse BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION t1170_refuse()" >/dev/null
else
    sql "CREATE TRIGGER t1170_refuse BEFORE INSERT ON audit_log WHEN NEW.action = 'view' BEGIN SELECT RAISE(ABORT, 'refused by t1170'); END" >/dev/null
fi
python3 - "$url" "$pw" "$ENGINE" <<'PY'
import sys
from web_client import Client, check
url, pw, engine = sys.argv[1], sys.argv[2], sys.argv[3]
c = Client(url, check=False)  # the 500 of a failed audit is no documented answer
check(c.login("county", pw).status == 200, "login (not a view: written)")
search = c.get("/api/people")
check(search.status == 500, "a search whose entry fails: %r" % search)
check("王强" not in search.body.decode(), "no personal data without its entry")
check(search.json()["error"] == "internal", "the error: %r" % search)
PY
sql "DROP TRIGGER t1170_refuse$([ "$ENGINE" = postgresql ] && echo ' ON audit_log')" >/dev/null
python3 - "$url" "$pw" <<'PY'
import sys
from web_client import Client, check
c = Client(sys.argv[1])
check(c.login("county", sys.argv[2]).status == 200, "login")
check(c.get("/api/people").status == 200, "answers again once entries can be written")
PY
serve_stop
bf --db "$db" audit verify >/dev/null || fail "the chain holds after the refused entries"

# A changed entry in the middle of the concurrent ones is found.
middle=$((before + 100))
sql "UPDATE audit_log SET target = target || 'x' WHERE seq = $middle" >/dev/null
if bf --db "$db" audit verify >/dev/null 2>"$WORK/err"; then fail "the changed entry is not found"; fi
expect_contains "$(cat "$WORK/err")" "第 $middle 条" "the changed entry named"
echo ok
