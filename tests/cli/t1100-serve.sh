#!/bin/sh
# bangfu serve: a real server on a free loopback port answers JSON with the
# security headers on every answer, serves web/ and nothing outside it,
# lists every route of src/web/web_routes.h in /api/openapi.json, refuses
# bodies over the limit (the other limits: t1171), answers
# unknown routes in JSON in both languages, refuses plain HTTP on a
# non-loopback address, declares every route's 200 answer (a JSON schema or
# files; web_client.py checks every answer of every web test against the
# document), and stops cleanly on SIGTERM.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web_lib.sh"
db=$(new_db)

if bf --db "$db" serve --listen 0.0.0.0:0 >/dev/null 2>"$WORK/err"; then
    fail "plain HTTP on every address accepted"
fi
expect_contains "$(cat "$WORK/err")" "--behind-tls" "non-loopback refusal names --behind-tls"
if bf --db "$db" serve --listen nonsense >/dev/null 2>&1; then fail "bad --listen accepted"; fi
if bf --db "$WORK/none.sqlite" serve --listen 127.0.0.1:0 >/dev/null 2>&1; then
    fail "serve on a missing database"
fi

serve_start --request-timeout 2
python3 - "$url" "$web_tests_dir/../../src/web/web_routes.h" <<'PY'
import re, socket, sys, time
from web_client import Client, check
url, routes_header = sys.argv[1], sys.argv[2]
c = Client(url)

health = c.get("/api/health")
check(health.status == 200, "health: %r" % health)
check(health.json()["status"] == "ok", "health body")
check(health.json()["engine"] in ("sqlite", "postgresql"), "health engine")

def security_headers(r, what):
    csp = r.header("Content-Security-Policy") or ""
    check("frame-ancestors 'none'" in csp, what + ": CSP frame-ancestors: " + csp)
    check("script-src 'self'" in csp and "unsafe-inline" not in csp, what + ": CSP script")
    check(r.header("X-Content-Type-Options") == "nosniff", what + ": nosniff")
    check(r.header("X-Frame-Options") == "DENY", what + ": X-Frame-Options")
    check(r.header("Referrer-Policy") == "no-referrer", what + ": Referrer-Policy")

security_headers(health, "api")
check(health.header("Cache-Control") == "no-store", "API answers are not cached")
page = c.get("/")
check(page.status == 200 and b'lang="zh-CN"' in page.body, "index page: %r" % page)
check(page.header("Content-Type").startswith("text/html"), "index type")
security_headers(page, "static")
check(b"<script>" not in page.body and b"onclick" not in page.body, "no inline script")
for bad in ("/../etc/passwd", "/%2e%2e/etc/passwd", "/web_lib.sh", "/index.html/..",
            "/.hidden.js", "/nonexistent.js", "/a//b.js"):
    r = c.get(bad)
    check(r.status == 404, "static %s: %r" % (bad, r))
r = c.request("POST", "/index.html", raw=b"x")
check(r.status == 405, "POST on a static file: %r" % r)

missing = c.get("/api/nothing-here")
check(missing.status == 404, "unknown route status")
body = missing.json()
check(body["error"] == "not_found" and body["message"] and body["message_en"],
      "error body in both languages: %r" % body)
check(re.search("[\u4e00-\u9fff]", body["message"]), "Chinese message")
security_headers(missing, "error")
r = c.request("DELETE", "/api/health")
check(r.status == 405, "DELETE on health: %r" % r)

# Every route of the map is in the document, with its method, and nothing else is.
source = open(routes_header, encoding="utf-8").read()
declared = set(re.findall(r'XX\(\s*\w+,\s*"([A-Z]+)",\s*"([^"]+)"', source))
check(len(declared) >= 2, "routes found in web_routes.h: %r" % declared)
doc = c.get("/api/openapi.json").json()
check(doc["openapi"].startswith("3."), "OpenAPI 3")
documented = {(m.upper(), p) for p, item in doc["paths"].items() for m in item}
check(documented == declared, "routes vs document: only in source %r, only in document %r"
      % (declared - documented, documented - declared))
for path, item in doc["paths"].items():
    for method, op in item.items():
        check(op["responses"], "%s %s has responses" % (method, path))
        # What 200 answers is declared: a JSON schema of its own (web_schemas.c) or files.
        content = op["responses"]["200"]["content"]
        check(content, "%s %s declares its 200 answer" % (method, path))
        if "application/json" in content:
            name = content["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
            check(doc["components"]["schemas"][name].get("required"),
                  "%s %s: a schema with its required members" % (method, path))
# The checker of every answer (web_client.check_schema) refuses what departs from a schema.
from web_client import check_schema
schema = {"$ref": "#/components/schemas/health"}
check_schema(schema, health.json(), "health", doc)
for bad in ({"status": "ok"}, dict(health.json(), schema="3"), dict(health.json(), engine=None)):
    try:
        check_schema(schema, bad, "health", doc)
        raise SystemExit("FAIL: the schema checker let %r pass" % bad)
    except SystemExit as refusal:
        check("FAIL: health" in str(refusal), "refused: %s" % refusal)

# A body over the limit gets 413 without being read.
r = c.request("POST", "/api/health", raw=b"x" * (300 * 1024),
              headers={"Content-Type": "application/json"})
check(r.status == 413, "large body: %r" % r)
check(r.json()["error"] == "too_large", "413 body")

# The other limits (chunked bodies, 408, 431, 414, idle and per-address connections): t1171.
PY
serve_stop
echo ok
