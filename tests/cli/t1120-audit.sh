#!/bin/sh
# The audit log: entries from the server's workers and the CLI appended at
# the same time make one unbroken chain; bangfu audit verify finds an entry
# changed, one removed and one inserted (exit 1, naming the entry), and
# nothing in the source updates or deletes entries (kept >= 183 days).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web_lib.sh"
checkout="$(cd "$(dirname "$0")/../.." && pwd)"
db=$(new_db)
pw='Gongzuo-2024!'
echo "$pw" | bf --db "$db" user add county --name 张科长 --region 370811 --roles clerk
echo "$pw" | bf --db "$db" user add other --name 王五 --region 370811 --roles viewer
serve_start
# Logins and denied requests from 8 threads while the CLI adds users.
python3 - "$url" "$pw" <<'PY' &
import sys, threading
from web_client import Client, check
url, pw = sys.argv[1], sys.argv[2]
def work(n):
    c = Client(url)
    for i in range(5):
        c.login("county" if i % 2 else "other", pw if i % 3 else "Wrong-pass-%d" % i)
        c.get("/api/people")
threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
for t in threads: t.start()
for t in threads: t.join()
PY
client=$!
for n in 1 2 3; do
    echo "$pw" | bf --db "$db" user add "clerk$n" --name "经办$n" --region 370811 --roles clerk
done
wait "$client"
serve_stop
entries=$(sql "SELECT COUNT(*) FROM audit_log")
expect_eq "$(sql "SELECT MAX(seq) FROM audit_log")" "$entries" "seq without gaps"
test "$entries" -ge 85 || fail "entries: $entries (5 CLI + 80 logins and requests)"
out=$(bf --db "$db" audit verify)
expect_contains "$out" "$entries" "verify counts the entries"
expect_eq "$(bf --db "$db" audit list --json --last 1 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["seq"])')" \
    "$entries" "audit list --last 1"

# Tampering, each on a fresh copy of the database.
original=$db
copy_db() {
    if [ "$ENGINE" = postgresql ]; then
        _name="t_t1120_$$_$1"
        psql -q "${PG_ADMIN_URL_BASE}postgres" -c "DROP DATABASE IF EXISTS $_name" >/dev/null
        echo "$_name" >>"$WORK/.databases"
        # a copy needs its source without connections: close the pool's idle ones
        psql -q "${PG_ADMIN_URL_BASE}postgres" -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = '$(basename "$original")'" >/dev/null
        psql -q "${PG_ADMIN_URL_BASE}postgres" -c "CREATE DATABASE $_name TEMPLATE $(basename "$original")${PG_CREATE_STRATEGY:-}" >/dev/null
        echo "${PG_URL_BASE}$_name"
    else
        cp "$original" "$WORK/copy_$1.sqlite"
        echo "$WORK/copy_$1.sqlite"
    fi
}
expect_broken() { # TARGET SEQ WHAT
    if bf --db "$1" audit verify >/dev/null 2>"$WORK/err"; then fail "$3 not found"; fi
    expect_contains "$(cat "$WORK/err")" "第 $2 条" "$3: the entry named"
}
db=$(copy_db changed)
sql "UPDATE audit_log SET actor = actor || 'x' WHERE seq = 7" >/dev/null
expect_broken "$db" 7 "a changed entry"
db=$(copy_db removed)
sql "DELETE FROM audit_log WHERE seq = 12" >/dev/null
expect_broken "$db" 13 "a removed entry"
db=$(copy_db inserted)
# An entry slipped in after 20: the later ones renumbered, the copy of 20 with its own hash.
sql "UPDATE audit_log SET seq = -seq WHERE seq > 20" >/dev/null
sql "UPDATE audit_log SET seq = 1 - seq WHERE seq < 0" >/dev/null
sql "INSERT INTO audit_log SELECT 21, at, actor, address, action, target, 'ok', detail, hash, hash FROM audit_log WHERE seq = 20" >/dev/null
expect_broken "$db" 21 "an inserted entry"
db=$(copy_db rechained)
# A changed entry whose hash was recomputed by hand still breaks the link of the next one.
sql "UPDATE audit_log SET hash = '$(printf '%064d' 0)' WHERE seq = 30" >/dev/null
expect_broken "$db" 30 "a changed hash"
db=$original
bf --db "$db" audit verify >/dev/null || fail "the original still holds"

# Append-only: no statement of bangfu changes or deletes an entry.
if grep -rniE "(update|delete from)[[:space:]]+audit_log" "$checkout/src"; then
    fail "the source changes audit entries"
fi
echo ok
