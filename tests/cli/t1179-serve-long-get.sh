#!/bin/sh
# A GET of a WEB_LONG route (the dashboard) is run by the long threads, as the writes are: on a
# server of ONE worker, while the dashboard waits for the people table that another session
# locks (PostgreSQL: LOCK TABLE; SQLite readers never wait, so there the test only checks that
# the dashboard answers), a connection kept alive from before is answered at once, and the
# dashboard answers 200 once the lock is released.  Without WEB_LONG the worker runs the
# dashboard in its handler and answers nothing else until it ends.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web_lib.sh"
db=$(new_db)
cd "$WORK"
pw='Gongzuo-2024!'
echo "$pw" | bf --db "$db" user add rcclerk --name 任城经办 --region 370811 --roles 经办员
serve_start --threads 1
python3 - "$url" "$pw" "$ENGINE" "$db" "$WORK" <<'PY'
import http.client, os, subprocess, sys, time, urllib.parse
from web_client import Client, check, in_background
url, pw, engine, db, work = sys.argv[1:6]
where = urllib.parse.urlparse(url)
clerk = Client(url)
check(clerk.login("rcclerk", pw).status == 200, "login")

def session(connection):
    """The status of GET /api/session on connection within 2 s, None when it did not come."""
    try:
        connection.request("GET", "/api/session", headers={"Cookie": clerk.cookie})
        answer = connection.getresponse()
        answer.read()
        return answer.status
    except (OSError, http.client.HTTPException):
        return None

kept = http.client.HTTPConnection(where.hostname, where.port, timeout=2)
check(session(kept) == 200, "a kept-alive connection before the dashboard")
holder = None
if engine == "postgresql":
    held = os.path.join(work, "held")
    holder = subprocess.Popen(["psql", "-qAt", db], stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL, text=True)
    holder.stdin.write("BEGIN;\nLOCK TABLE people IN ACCESS EXCLUSIVE MODE;\n\\! touch %s\n" % held)
    holder.stdin.flush()
    for _ in range(600):
        if os.path.exists(held):
            break
        time.sleep(0.05)
    check(os.path.exists(held), "the other session locks people")
sender, answer = in_background(clerk.request, "GET", "/api/dashboard")
if holder is not None:
    time.sleep(0.5)
    check(sender.is_alive() and "r" not in answer, "the dashboard waits for the lock")
    check(session(kept) == 200, "the kept-alive connection answered while the dashboard waits")
    holder.stdin.write("COMMIT;\n")
    holder.stdin.close()
    holder.wait()
sender.join(60)
check(not sender.is_alive() and answer["r"].status == 200,
      "the dashboard answered: %r" % answer.get("r"))
check(session(kept) == 200, "the kept-alive connection afterwards")
PY
serve_stop
echo ok
