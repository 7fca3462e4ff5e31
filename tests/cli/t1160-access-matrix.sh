#!/bin/sh
# The access matrix through the real server: every route of
# /api/openapi.json x every role x a person of the user's own region and
# one of another region x read and write, against a small model of who may
# do what (a route missing from the model fails the test); without a
# session every private route is 401, and a write without the CSRF token
# 403.  Another region is always answered as a missing person (404).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web_lib.sh"
data="$(cd "$(dirname "$0")/../data" && pwd)"
db=$(new_db)
cp "$data/people_basic.csv" "$WORK/basic.csv"
bf --db "$db" import people "$WORK/basic.csv" >/dev/null
pw='Gongzuo-2024!'
for role in 系统管理员 经办员 审核员 查看员 村级帮扶员; do
    login=$(echo "$role" | sed 's/系统管理员/admin/; s/经办员/clerk/; s/审核员/reviewer/; s/查看员/viewer/; s/村级帮扶员/village/')
    echo "$pw" | bf --db "$db" user add "$login" --name "$role" --region 370811 --roles "$role"
done
# Someone of Chongqing sees their own people: the "other region" of the matrix.
echo "$pw" | bf --db "$db" user add cq --name 重庆经办 --region 50 --roles 经办员
serve_start
python3 - "$url" "$pw" <<'PY'
import sys
from web_client import Client, check
url, pw = sys.argv[1], sys.argv[2]
ROLES = ["admin", "clerk", "reviewer", "viewer", "village"]
FULL = {"clerk", "reviewer", "village"}       # may see ID numbers and phones in full
EDIT = {"clerk", "village"}                   # may change a person's 四清

def ref_of(client, name):
    people = client.get("/api/people?q=" + name).json()["people"]
    check(len(people) == 1, "one %s: %r" % (name, people))
    return people[0]["ref"]

def requests(route):
    """(method, path, body, where, expected(role)) for one route; %s in a path is the
    reference of the person of the user's own region or of another one (where)."""
    method, path = route
    if path in ("/api/health", "/api/openapi.json"):
        return [(method, path, None, "public", lambda role: 200)]
    if path == "/api/session" and method == "POST":
        return []  # logging in and locking out: t1110
    if path == "/api/session" and method == "GET":
        return [(method, path, None, "none", lambda role: 200)]
    if path == "/api/session" and method == "DELETE":
        return [(method, path, None, "none", lambda role: 200)]
    if path == "/api/session/password":
        bad = {"old_password": "Wrong-password-1", "new_password": "Another-2024-pass"}
        return [(method, path, bad, "none", lambda role: 400)]
    if path == "/api/people":
        return [(method, "/api/people?region=370811", None, "own", lambda role: 200),
                (method, "/api/people?region=500101", None, "other", lambda role: 404)]
    if path == "/api/people/{ref}" and method == "GET":
        return [(method, "/api/people/%s", None, "own", lambda role: 200),
                (method, "/api/people/%s", None, "other", lambda role: 404),
                (method, "/api/people/%s?full=1", None, "own",
                 lambda role: 200 if role in FULL else 403),
                (method, "/api/people/%s?full=1", None, "other", lambda role: 404)]
    if path == "/api/people/{ref}" and method == "PATCH":
        body = {"employment_status": "未就业"}
        return [(method, "/api/people/%s", body, "own", lambda role: 200 if role in EDIT else 403),
                (method, "/api/people/%s", body, "other", lambda role: 404 if role in EDIT else 403)]
    raise SystemExit("FAIL: route %s %s has no place in the access matrix" % route)

anonymous = Client(url)
doc = anonymous.get("/api/openapi.json").json()
routes = sorted((m.upper(), p) for p, item in doc["paths"].items() for m in item)
clients = {}
for role in ROLES:
    clients[role] = Client(url)
    check(clients[role].login(role, pw).status == 200, "login " + role)
cq = Client(url)
cq.login("cq", pw)
refs = {"own": ref_of(clients["clerk"], "王强"), "other": ref_of(cq, "陈静")}
checked = 0
# Logging out last: it ends the session the other cells use.
for route in sorted(routes, key=lambda r: r == ("DELETE", "/api/session")):
    for method, path, body, where, expected in requests(route):
        target = path % refs[where] if "%s" in path else path
        for role in ROLES:
            r = clients[role].request(method, target, body)
            check(r.status == expected(role), "%s %s as %s (%s region): %d, expected %d: %r"
                  % (method, target, role, where, r.status, expected(role), r))
            checked += 1
        if where == "public":
            continue
        r = anonymous.request(method, target, body)
        check(r.status == 401, "%s %s without a session: %r" % (method, target, r))
        if method != "GET":
            writer = Client(url)
            writer.login("clerk", pw)
            r = writer.request(method, target, body, csrf=False)
            check(r.status == 403 and r.json()["error"] == "csrf",
                  "%s %s without the CSRF token: %r" % (method, target, r))
check(checked >= 65, "cells checked: %d" % checked)
print("cells", checked)
PY
serve_stop
test "$(sql "SELECT COUNT(*) FROM audit_log WHERE outcome = 'denied'")" -ge 10 || fail "denials audited"
bf --db "$db" audit verify >/dev/null
echo ok
