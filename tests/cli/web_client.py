"""web_client.py - the HTTP client of the web tests (tests/cli/t11xx): plain http.client
against the real server, the session cookie and the CSRF token kept by hand (no cookie jar:
the test sees exactly what the server sets).  Every answer of an /api/ route is checked
against /api/openapi.json: its status must be declared for the route, its media type among
those declared, and a JSON body must match the declared schema (check_schema, the OpenAPI 3.0
subset the server uses: $ref, type, nullable, required, properties, items), so every web test
is also a test of the document."""
import http.client
import json
import re
import urllib.parse

_documents = {}  # (host, port) -> the server's OpenAPI document


def check_schema(schema, value, where, doc):
    """Raises SystemExit naming where value departs from schema."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        return check_schema(doc["components"]["schemas"][name], value, where, doc)
    if value is None:
        if not schema.get("nullable"):
            raise SystemExit("FAIL: %s is null, not %s" % (where, schema.get("type")))
        return
    kinds = {"object": dict, "array": list, "string": str, "boolean": bool,
             "integer": int, "number": (int, float)}
    kind = schema.get("type")
    if kind and (not isinstance(value, kinds[kind]) or
                 (kind in ("integer", "number") and isinstance(value, bool))):
        raise SystemExit("FAIL: %s is %r, not %s" % (where, value, kind))
    for key in schema.get("required", []):
        if key not in value:
            raise SystemExit("FAIL: %s lacks %s" % (where, key))
    for key, sub in schema.get("properties", {}).items():
        if isinstance(value, dict) and key in value:
            check_schema(sub, value[key], where + "." + key, doc)
    if kind == "array" and "items" in schema:
        for i, item in enumerate(value):
            check_schema(schema["items"], item, "%s[%d]" % (where, i), doc)


def check_response(doc, method, path, response):
    """Checks one answer of the server against its operation in doc (none: not checked)."""
    bare = path.split("?", 1)[0]
    for template, item in doc["paths"].items():
        if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", template), bare):
            operation = item.get(method.lower())
            if operation is None:
                return
            where = "%s %s %d" % (method, bare, response.status)
            declared = operation["responses"].get(str(response.status))
            if declared is None:
                raise SystemExit("FAIL: %s: status not in /api/openapi.json: %r" % (where, response))
            media = (response.header("Content-Type") or "").split(";")[0].strip()
            if media not in declared["content"]:
                raise SystemExit("FAIL: %s: %s not among %s" % (where, media, list(declared["content"])))
            if media == "application/json":
                check_schema(declared["content"][media]["schema"], response.json(), where, doc)
            return


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def header(self, name):
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def __repr__(self):
        return "%d %s" % (self.status, self.body[:300])


class Client:
    def __init__(self, url, check=True):
        parsed = urllib.parse.urlparse(url)
        self.check = check  # False: answers are not checked against /api/openapi.json
        self.host = parsed.hostname
        self.port = parsed.port
        self.cookie = None  # "name=value"
        self.csrf = None

    def request(self, method, path, body=None, headers=None, raw=None, csrf=True):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        sent = dict(headers or {})
        data = raw
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            sent.setdefault("Content-Type", "application/json")
        if self.cookie:
            sent.setdefault("Cookie", self.cookie)
        if csrf and self.csrf and method not in ("GET", "HEAD"):
            sent.setdefault("X-CSRF-Token", self.csrf)
        connection.request(method, urllib.parse.quote(path, safe="/?&=%:+"), body=data,
                           headers=sent)
        answer = connection.getresponse()
        response = Response(answer.status, answer.getheaders(), answer.read())
        connection.close()
        if self.check and path.startswith("/api/") and method != "HEAD":
            check_response(self.document(), method, path, response)
        return response

    def document(self):
        """The server's OpenAPI document (read once per server, not itself checked)."""
        key = (self.host, self.port)
        if key not in _documents:
            connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
            connection.request("GET", "/api/openapi.json")
            _documents[key] = json.loads(connection.getresponse().read().decode("utf-8"))
            connection.close()
        return _documents[key]

    def get(self, path, **options):
        return self.request("GET", path, **options)

    def login(self, login, password):
        response = self.request("POST", "/api/session", {"login": login, "password": password})
        if response.status == 200:
            cookie = response.header("Set-Cookie")
            self.cookie = cookie.split(";")[0]
            self.csrf = response.json()["csrf_token"]
        return response


def check(condition, message):
    if not condition:
        raise SystemExit("FAIL: " + message)


class WriteLock:
    """The database's write lock an import takes, held by another client until release()
    (SQLite: BEGIN IMMEDIATE; PostgreSQL: the exclusive writers' advisory lock of
    store_postgres.c): an import sent meanwhile waits for it."""

    def __init__(self, engine, db, work):
        import os, sqlite3, subprocess, time
        self.engine = engine
        if engine == "postgresql":
            held = os.path.join(work, "held")
            self.holder = subprocess.Popen(["psql", "-qAt", db], stdin=subprocess.PIPE,
                                           stdout=subprocess.DEVNULL, text=True)
            self.holder.stdin.write("BEGIN;\nSELECT pg_advisory_xact_lock(108170603619957);\n"
                                    "\\! touch %s\n" % held)
            self.holder.stdin.flush()
            for _ in range(600):
                if os.path.exists(held):
                    break
                time.sleep(0.05)
            check(os.path.exists(held), "the other writer holds the lock")
        else:
            self.holder = sqlite3.connect(db, isolation_level=None, timeout=30)
            self.holder.execute("BEGIN IMMEDIATE")

    def release(self):
        if self.engine == "postgresql":
            self.holder.stdin.write("COMMIT;\n")
            self.holder.stdin.close()
            self.holder.wait()
        else:
            self.holder.execute("COMMIT")
            self.holder.close()


def in_background(call, *args, **options):
    """Starts call(*args, **options) in a thread of its own (a daemon: a failing test does not
    wait for it): (thread, answer), answer["r"] holding what call returned once it did."""
    import threading
    answer = {}

    def run():
        answer["r"] = call(*args, **options)
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, answer
