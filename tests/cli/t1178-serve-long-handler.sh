#!/bin/sh
# A request that waits long does not hold the other connections of its worker (http_server.c's
# long threads): on a server of ONE worker, an import waits for the database's write lock that
# another writer holds; meanwhile the connection kept alive from before the import and new
# connections are answered at once (reads of the session, and the import's own progress); once
# the lock is released the import ends with its counts.  Before the long threads, libmicrohttpd's
# worker ran the import in its handler and answered nothing else until the import ended.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web_lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
db=$(new_db)
cd "$WORK"
pw='Gongzuo-2024!'
echo "$pw" | bf --db "$db" user add rcclerk --name 任城经办 --region 370811 --roles 经办员
head -4 "$root/tests/data/people_basic.csv" >rc.csv
serve_start --threads 1
python3 - "$url" "$pw" "$ENGINE" "$db" "$WORK" <<'PY'
import http.client, json, os, sys, time, urllib.parse
from web_client import Client, WriteLock, check, in_background
url, pw, engine, db, work = sys.argv[1:6]
where = urllib.parse.urlparse(url)
clerk = Client(url)
check(clerk.login("rcclerk", pw).status == 200, "login")

def read(connection, path):
    """status and JSON of GET path on connection, within 2 s; None when it did not come."""
    try:
        connection.request("GET", path, headers={"Cookie": clerk.cookie})
        answer = connection.getresponse()
        return answer.status, json.loads(answer.read().decode("utf-8"))
    except (OSError, http.client.HTTPException, ValueError):
        return None, None

kept = http.client.HTTPConnection(where.hostname, where.port, timeout=2)
check(read(kept, "/api/session")[0] == 200, "a kept-alive connection before the import")

lock = WriteLock(engine, db, work)
token = "0123456789abcdef" * 2
body = open(os.path.join(work, "rc.csv"), "rb").read()
sender, answer = in_background(clerk.request, "POST",
                               "/api/imports/people?name=rc.csv&progress=" + token, raw=body)
started = time.monotonic()
seen = None
while seen is None and time.monotonic() - started < 8:
    fresh = http.client.HTTPConnection(where.hostname, where.port, timeout=2)
    status, data = read(fresh, "/api/imports/progress/" + token)
    fresh.close()
    check(status is not None, "a new connection answered while the import waits (%.1f s)"
          % (time.monotonic() - started))
    if status == 200 and data["step"] == "waiting":
        seen = data
    time.sleep(0.05)
check(seen is not None and sender.is_alive() and "r" not in answer,
      "the import waits for the lock: %r %r" % (seen, answer.get("r")))
status, data = read(kept, "/api/session")
check(status == 200 and data["login"] == "rcclerk",
      "the kept-alive connection answered while the import waits: %r" % status)
check(sender.is_alive(), "the import still waits")

lock.release()
sender.join(60)
check(not sender.is_alive() and answer["r"].status == 200 and answer["r"].json()["inserted"] == 3,
      "the import ended: %r" % answer.get("r"))
check(read(kept, "/api/session")[0] == 200, "the kept-alive connection afterwards")
PY
serve_stop
expect_eq "$(sql "SELECT COUNT(*) FROM people")" 3 "the people imported"
echo ok
