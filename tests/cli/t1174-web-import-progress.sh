#!/bin/sh
# The import's progress seen DURING the import (route_import.c, web_progress.c), through the real
# server: another writer holds the database's write lock (SQLite: BEGIN IMMEDIATE; PostgreSQL:
# the exclusive writers' advisory lock), so the import sent with ?progress=TOKEN waits; while
# its request is still running, GET /api/imports/progress/TOKEN answers the step "waiting"
# (等待另一个导入结束) of that import, only to its user (another user: 404); once the lock is
# released the import ends, its answer counts the rows and the progress says "done".
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web_lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
data="$root/tests/data"
db=$(new_db)
cd "$WORK"
pw='Gongzuo-2024!'
echo "$pw" | bf --db "$db" user add rcclerk --name 任城经办 --region 370811 --roles 经办员
echo "$pw" | bf --db "$db" user add rcother --name 任城另一经办 --region 370811 --roles 经办员
head -4 "$data/people_basic.csv" >rc.csv
serve_start --threads 4
python3 - "$url" "$pw" "$ENGINE" "$db" "$WORK" <<'PY'
import http.client, json, os, sys, time, urllib.parse
from web_client import Client, WriteLock, check, in_background
url, pw, engine, db, work = sys.argv[1:6]
clerk, other = Client(url), Client(url)
for c, login in ((clerk, "rcclerk"), (other, "rcother")):
    check(c.login(login, pw).status == 200, "login " + login)

# Another writer takes the lock an import needs.
lock = WriteLock(engine, db, work)

token = "0123456789abcdef" * 2
body = open(os.path.join(work, "rc.csv"), "rb").read()
sender, answer = in_background(clerk.request, "POST",
                               "/api/imports/people?name=rc.csv&progress=" + token, raw=body)
def poll(client):
    """The progress on a new connection with a short timeout: a worker of the pool busy with
    the waiting import may have accepted this connection before it blocked (then its answer
    comes only after the import), so a slow or dropped poll is tried again."""
    where = urllib.parse.urlparse(url)
    try:
        connection = http.client.HTTPConnection(where.hostname, where.port, timeout=1)
        connection.request("GET", "/api/imports/progress/" + token, headers={"Cookie": client.cookie})
        answer = connection.getresponse()
        status, data = answer.status, json.loads(answer.read().decode("utf-8"))
        connection.close()
        return status, data
    except (OSError, http.client.HTTPException, ValueError):
        return None, None
seen = None
for _ in range(600):
    status, data = poll(clerk)
    if status == 200 and data["step"] == "waiting" and "elapsed_ms" in data:
        seen = data
        break
    time.sleep(0.05)
check(seen is not None and sender.is_alive() and "r" not in answer,
      "the import's step seen while it runs: %r" % seen)
check(seen["label"] == "等待另一个导入结束", "its label: %r" % seen)
for _ in range(20):
    status, data = poll(other)
    if status is not None:
        break
check(status == 404, "another user sees none: %r %r" % (status, data))

# The lock released, the import ends and says so.
lock.release()
sender.join(60)
check(not sender.is_alive() and answer["r"].status == 200 and answer["r"].json()["inserted"] == 3,
      "the import ended: %r" % answer.get("r"))
last = clerk.get("/api/imports/progress/" + token).json()
check(last["step"] == "done", "the last step: %r" % last)
PY
serve_stop
expect_eq "$(sql "SELECT COUNT(*) FROM people")" 3 "the people imported"
echo ok
