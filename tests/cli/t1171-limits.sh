#!/bin/sh
# The request limits of bangfu serve (issue 17 item 3), each answered clearly: a body over
# WEB_BODY_MAX gets 413 (announced by Content-Length, or sent chunked: cut off as it passes the
# limit), a body dripping past --request-timeout gets 408, headers past the connection's
# memory get 431, a path too long 414, an idle connection is closed after the timeout, and a
# connection past --connections-per-address is closed while the others are served; a request
# whose client shut its sending side after it is answered.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web_lib.sh"
db=$(new_db)
serve_start --request-timeout 2
python3 - "$url" <<'PY'
import json, socket, sys, time
from web_client import Client, check
url = sys.argv[1]
c = Client(url)

def raw(data, drip=None, wait=6.0, half_close=False):
    """Sends data (then drip bytes one at a time every 0.5 s, or shuts the sending side); the
    answer and whether it closed."""
    s = socket.create_connection((c.host, c.port))
    s.settimeout(wait)
    try:
        s.sendall(data)
        for byte in drip or b"":
            time.sleep(0.5)
            s.sendall(bytes([byte]))
        if half_close:
            s.shutdown(socket.SHUT_WR)
    except OSError:
        pass
    got = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            got += chunk
    except socket.timeout:
        s.close()
        return got, False
    s.close()
    return got, True

def status(answer):
    check(answer.startswith(b"HTTP/1.1 "), "a status line: %r" % answer[:80])
    return int(answer[9:12])

def error_code(answer):
    return json.loads(answer.split(b"\r\n\r\n", 1)[1].decode())["error"]

# A client that shuts its sending side after its request still gets the answer, also one that
# waited suspended (every non-GET /api/ request runs on a long thread): see web_settled().
answer, closed = raw(b"POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 2\r\n\r\n{}", half_close=True)
check(answer.startswith(b"HTTP/1.1 4") and closed, "half-closed request answered: %r" % answer[:80])

r = c.request("POST", "/api/session", raw=b"{" + b" " * (300 * 1024) + b"}",
              headers={"Content-Type": "application/json"})
check(r.status == 413 and r.json()["error"] == "too_large", "body over the limit: %r" % r)

chunk = b"%x\r\n%s\r\n" % (64 * 1024, b" " * (64 * 1024))
start = time.time()
answer, closed = raw(b"POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n" + chunk * 6)
check(status(answer) == 413 and error_code(answer) == "too_large", "chunked over the limit: %r" % answer[:200])

start = time.time()
answer, closed = raw(b"POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 100\r\n\r\n{", drip=b" " * 8)
check(status(answer) == 408 and error_code(answer) == "timeout", "dripping body: %r" % answer[:200])
check(closed and time.time() - start < 5.5, "answered and closed within the limit")

answer, closed = raw(b"GET /api/health HTTP/1.1\r\nHost: x\r\nCookie: " + b"a" * (80 * 1024) + b"\r\n\r\n")
check(status(answer) == 431, "headers too large: %r" % answer[:200])
answer, closed = raw(b"GET /api/" + b"a" * 600 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
check(status(answer) == 414, "path too long: %r" % answer[:200])

start = time.time()
answer, closed = raw(b"", wait=6)
check(answer == b"" and closed and time.time() - start < 4.5, "idle connection closed: %r %r" % (answer, closed))

PY
serve_stop

# Four connections from 127.0.0.1, each answered once and kept open; a fifth is closed unanswered.
serve_start --connections-per-address 4
python3 - "$url" <<'PY'
import socket, sys, time
from web_client import Client, check
c = Client(sys.argv[1])
request = b"GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n"
held = []
for _ in range(4):
    s = socket.create_connection((c.host, c.port))
    s.settimeout(10)
    s.sendall(request)
    check(s.recv(65536).startswith(b"HTTP/1.1 200"), "a held connection is served")
    held.append(s)
fifth = socket.create_connection((c.host, c.port))
fifth.settimeout(10)
try:
    fifth.sendall(request)
    answer = fifth.recv(65536)
except OSError:
    answer = b""
check(answer == b"", "a fifth connection from one address is closed: %r" % answer[:100])
held[0].sendall(request)
check(held[0].recv(65536).startswith(b"HTTP/1.1 200"), "the held ones are still served")
for s in held:
    s.close()
time.sleep(0.5)
check(c.get("/api/health").status == 200, "served again once they closed")
PY
serve_stop
echo ok
