"""web_client.py - the HTTP client of the web tests (tests/cli/t11xx): plain http.client
against the real server, the session cookie and the CSRF token kept by hand (no cookie jar:
the test sees exactly what the server sets)."""
import http.client
import json
import urllib.parse


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
    def __init__(self, url):
        parsed = urllib.parse.urlparse(url)
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
        return response

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
