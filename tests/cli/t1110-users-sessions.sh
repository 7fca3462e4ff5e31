#!/bin/sh
# Users and sessions: bangfu user add|list|passwd|lock|unlock with the
# password rule; login through the real server: the session cookie
# (128 random bits, HttpOnly, SameSite=Strict, __Host- and Secure behind
# TLS), the same answer for an unknown login and a wrong password, CSRF on
# every write, the lock-out after 5 failures (30 minutes), idle and absolute
# timeouts, and sessions ended by a lock or a new password.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web_lib.sh"
db=$(new_db)
pw='Gongzuo-2024!'

echo "$pw" | bf --db "$db" user add county --name 张科长 --region 370811 --roles 经办员,审核员
echo "$pw" | bf --db "$db" user add viewer --name 李四 --region 3708 --roles viewer
for weak in short 'alllowercase1' 'My-Weak1-password' '          '; do
    if echo "$weak" | bf --db "$db" user add weak1 --name 弱 --region 370811 --roles viewer \
        2>"$WORK/err"; then
        fail "weak password '$weak' accepted"
    fi
done
expect_contains "$(cat "$WORK/err")" "10" "the rule is said"
status=0
echo "$pw" | bf --db "$db" user add county --name 重复 --region 370811 --roles viewer 2>"$WORK/err" ||
    status=$?
expect_eq "$status" 2 "duplicate login: refused, exit 2"
expect_contains "$(cat "$WORK/err")" "已存在" "duplicate said"
if echo "$pw" | bf --db "$db" user add r1 --name X --region 379999 --roles viewer 2>/dev/null; then
    fail "unknown region accepted"
fi
if echo "$pw" | bf --db "$db" user add r2 --name X --region 370811 --roles 局长 2>/dev/null; then
    fail "unknown role accepted"
fi
if echo "$pw" | bf --db "$db" user add 'Bad Login' --name X --region 370811 --roles viewer 2>/dev/null; then
    fail "bad login accepted"
fi
if bf --db "$db" user add r3 --name X --region 370811 --roles viewer </dev/null 2>/dev/null; then
    fail "no password accepted"
fi
expect_eq "$(bf --db "$db" user list | cut -f1 | tr '\n' ' ')" "county viewer " "user list"
expect_eq "$(sql "SELECT password_hash LIKE '\$argon2id\$%' FROM users WHERE login = 'county'")" \
    "$(sql "SELECT 1 = 1")" "Argon2id hash stored"
# A database call or an allocation that fails under the command (the fault hooks of store.c and
# fault_alloc.h) is exit 1, not a refusal, for n = 1, 2, ... until the command succeeds.
for fault in BANGFU_FAULT_STORE_CALL BANGFU_FAULT_ALLOC; do
    n=1
    while :; do
        status=0
        login="fault-$n-$(echo "$fault" | tr A-Z_ a-z-)"
        echo "$pw" | env "$fault=$n" "$BANGFU" --db "$db" user add "$login" --name 故障 \
            --region 370811 --roles viewer >/dev/null 2>"$WORK/err" || status=$?
        [ "$status" = 0 ] && break
        expect_eq "$status" 1 "user add, $fault=$n: exit 1 ($(cat "$WORK/err"))"
        n=$((n + 1))
        [ "$n" -le 200 ] || fail "user add never succeeds under $fault"
    done
    sql "DELETE FROM users WHERE login LIKE 'fault%'" >/dev/null
done

serve_start
python3 - "$url" "$pw" <<'PY'
import re, sys
from web_client import Client, check
url, pw = sys.argv[1], sys.argv[2]

anonymous = Client(url)
check(anonymous.get("/api/session").status == 401, "no session: 401")
unknown = Client(url).login("nobody", pw)
wrong = Client(url).login("county", "Wrong-password-1")
check(unknown.status == wrong.status == 401, "failures: %r %r" % (unknown, wrong))
check(unknown.body == wrong.body, "unknown login and wrong password answer alike")
check(unknown.header("Set-Cookie") is None, "no cookie on failure")
r = Client(url).request("POST", "/api/session", raw=b"login=county",
                        headers={"Content-Type": "application/x-www-form-urlencoded"})
check(r.status == 415, "a form post cannot log in: %r" % r)

c = Client(url)
r = c.login("county", pw)
check(r.status == 200, "login: %r" % r)
cookie = r.header("Set-Cookie")
check(re.fullmatch(r"bangfu=[0-9a-f]{32}; Path=/; HttpOnly; SameSite=Strict", cookie),
      "cookie: " + cookie)
body = r.json()
check(body["login"] == "county" and set(body["roles"]) == {"经办员", "审核员"}, "who: %r" % body)
check(body["region_name"] == "山东省 / 济宁市 / 任城区", "region name")
check(re.fullmatch("[0-9a-f]{32}", body["csrf_token"]), "csrf token")
again = Client(url)
again.login("county", pw)
check(again.cookie != c.cookie and again.csrf != c.csrf, "each login its own tokens")
check(c.get("/api/session").json()["csrf_token"] == c.csrf, "session shows its token")

# Every write needs the session's CSRF token.
change = {"old_password": pw, "new_password": "Another-2024!"}
check(c.request("POST", "/api/session/password", change, csrf=False).status == 403, "no CSRF")
check(c.request("POST", "/api/session/password", change,
                headers={"X-CSRF-Token": again.csrf}).status == 403, "another session's CSRF")
check(c.request("POST", "/api/session/password", change,
                headers={"X-CSRF-Token": "0" * 32}).status == 403, "made-up CSRF")
weak = c.request("POST", "/api/session/password", {"old_password": pw, "new_password": "weak"})
check(weak.status == 400 and weak.json()["field"] == "new_password", "weak new password: %r" % weak)
check(c.get("/api/session").status == 200, "still logged in")

# Logout ends the session and clears the cookie.
r = again.request("DELETE", "/api/session")
check(r.status == 200 and "Max-Age=0" in r.header("Set-Cookie"), "logout: %r" % r)
check(again.get("/api/session").status == 401, "ended by logout")

# Lock-out: 5 failures in a row lock the account for 30 minutes, the right password too.
v = Client(url)
for i in range(4):
    check(v.login("viewer", "Wrong-password-%d" % i).status == 401, "failure %d" % i)
check(v.login("viewer", pw).status == 200, "the right password before the fifth failure")
for i in range(4):
    check(Client(url).login("viewer", "Wrong-password-%d" % i).status == 401, "again %d" % i)
fifth = Client(url).login("viewer", "Wrong-password-5")
check(fifth.status == 423 and fifth.json()["error"] == "locked", "fifth failure locks: %r" % fifth)
locked = Client(url).login("viewer", pw)
check(locked.status == 423, "locked: even the right password: %r" % locked)
check("锁定" in locked.json()["message"], "locked said in Chinese")
PY
locked_until=$(sql "SELECT locked_until FROM users WHERE login = 'viewer'")
python3 -c '
import datetime, sys
until = datetime.datetime.strptime(sys.argv[1], "%Y-%m-%dT%H:%M:%SZ")
minutes = (until - datetime.datetime.utcnow()).total_seconds() / 60
assert 29 <= minutes <= 30.1, minutes
' "$locked_until" || fail "locked for 30 minutes: $locked_until"
# Half an hour later (the lock moved into the past) the right password works again.
sql "UPDATE users SET locked_until = '2000-01-01T00:00:00Z' WHERE login = 'viewer'" >/dev/null
python3 - "$url" "$pw" <<'PY'
import sys
from web_client import Client, check
check(Client(sys.argv[1]).login("viewer", sys.argv[2]).status == 200, "unlocked after 30 min")
PY

# A lock by hand and a new password end the sessions of the user.
python3 - "$url" "$pw" >"$WORK/session" <<'PY'
import sys
from web_client import Client
c = Client(sys.argv[1]); c.login("county", sys.argv[2]); print(c.cookie)
PY
session_cookie=$(cat "$WORK/session")
bf --db "$db" user lock county
python3 - "$url" "$pw" "$session_cookie" <<'PY'
import sys
from web_client import Client, check
url, pw, cookie = sys.argv[1:]
c = Client(url); c.cookie = cookie
check(c.get("/api/session").status == 401, "a lock ends the session")
r = Client(url).login("county", pw)
check(r.status == 403 and r.json()["error"] == "disabled", "locked by hand: %r" % r)
PY
bf --db "$db" user unlock county
python3 - "$url" "$pw" >"$WORK/session" <<'PY'
import sys
from web_client import Client
c = Client(sys.argv[1]); r = c.login("county", sys.argv[2]); assert r.status == 200, r; print(c.cookie)
PY
session_cookie=$(cat "$WORK/session")
echo 'Neues-Passwort-9' | bf --db "$db" user passwd county
python3 - "$url" "$session_cookie" <<'PY'
import sys
from web_client import Client, check
c = Client(sys.argv[1]); c.cookie = sys.argv[2]
check(c.get("/api/session").status == 401, "a new password ends the session")
check(Client(sys.argv[1]).login("county", "Neues-Passwort-9").status == 200, "new password")
PY
serve_stop

# Idle timeout (2 s here, 30 min by default) and absolute lifetime (4 s here, 12 h).
serve_start --idle-timeout 2 --session-lifetime 4
python3 - "$url" <<'PY'
import sys, time
from web_client import Client, check
url = sys.argv[1]
idle = Client(url); idle.login("county", "Neues-Passwort-9")
busy = Client(url); busy.login("county", "Neues-Passwort-9")
start = time.time()
while time.time() - start < 2.9:
    check(busy.get("/api/session").status == 200, "a session in use lives on")
    time.sleep(0.5)
check(idle.get("/api/session").status == 401, "idle session ended")
while time.time() - start < 3.5:
    check(busy.get("/api/session").status == 200, "before its lifetime")
    time.sleep(0.5)
time.sleep(max(0, 4.3 - (time.time() - start)))
check(busy.get("/api/session").status == 401, "absolute lifetime ended the busy session")
PY
serve_stop

# Behind TLS: the cookie is __Host- and Secure.
serve_start --behind-tls
python3 - "$url" <<'PY'
import re, sys
from web_client import Client, check
r = Client(sys.argv[1]).login("county", "Neues-Passwort-9")
check(re.fullmatch(r"__Host-bangfu=[0-9a-f]{32}; Path=/; HttpOnly; SameSite=Strict; Secure",
                   r.header("Set-Cookie")), "cookie behind TLS: %r" % r.header("Set-Cookie"))
PY
serve_stop

# Every login, failure and lock is in the audit log.
expect_eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'login' AND outcome = 'locked'")" 2 \
    "locked logins audited"
expect_eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'login' AND outcome = 'failed' AND actor = 'nobody'")" 1 \
    "unknown login audited"
test "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'denied'")" -ge 5 || fail "denials audited"
bf --db "$db" audit verify >/dev/null
echo ok
