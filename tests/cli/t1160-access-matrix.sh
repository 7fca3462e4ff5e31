#!/bin/sh
# The access matrix through the real server: every route of
# /api/openapi.json x every role x a person of the user's own region and
# one of another region x read and write, against a small model of who may
# do what (a route missing from the model fails the test), the ledger's
# runs, lines, downloads and reviews, imports and the calculator included;
# without a
# session every private route is 401, and a write without the CSRF token
# 403.  Another region is always answered as a missing person (404).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web_lib.sh"
data="$(cd "$(dirname "$0")/../data" && pwd)"
db=$(new_db)
cp "$data/people_basic.csv" "$WORK/basic.csv"
bf --db "$db" import people "$WORK/basic.csv" >/dev/null
# An organisation of each region, and a local parameter of the other one.
own_org=$(python3 "$(dirname "$0")/carrier_data.py" code 370811 4)
other_org=$(python3 "$(dirname "$0")/carrier_data.py" code 500101 5)
printf '统一社会信用代码,单位名称,单位类型,所在地区划代码\n%s,任城车间,扶贫车间,370811\n%s,万州车间,扶贫车间,500101\n' \
    "$own_org" "$other_org" >"$WORK/orgs.csv"
bf --db "$db" import orgs "$WORK/orgs.csv" >/dev/null
bf --db "$db" param set min_wage --region 50 --from 2020-01-01 --value 1800 >/dev/null
bf --db "$db" compare insurance --date 2024-03-31 >/dev/null
# A comparison of the other region (run 2): a 404 for the own region's users.
bf --db "$db" compare insurance --date 2024-03-31 --region 50 >/dev/null
pw='Gongzuo-2024!'
for role in 系统管理员 经办员 审核员 查看员 村级帮扶员; do
    login=$(echo "$role" | sed 's/系统管理员/admin/; s/经办员/clerk/; s/审核员/reviewer/; s/查看员/viewer/; s/村级帮扶员/village/')
    echo "$pw" | bf --db "$db" user add "$login" --name "$role" --region 370811 --roles "$role"
done
# Someone of Chongqing sees their own people: the "other region" of the matrix.
echo "$pw" | bf --db "$db" user add cq --name 重庆经办 --region 50 --roles 经办员
# A ledger run of each region with one pending line: the own and the other run reviewed.
bf --db "$db" ledger run --month 2024-03 --region 370811 --by clerk >/dev/null
bf --db "$db" ledger run --month 2024-03 --region 50 --by cq >/dev/null
for run in 1 2; do
    person=$(sql "SELECT id_number FROM people WHERE name = '$(echo 王强 陈静 | cut -d' ' -f$run)'")
    sql "INSERT INTO ledger_lines (id, benefit, payee, person, month, seq, kind, clause, document,
         payee_kind, region, amount_fen, funding, run_id, state) SELECT $run, 'x.subsidy',
         id_number, id_number, '2024-03', 0, '应发', '一', '文件', 'person', hukou_region, 10000,
         '未载明', $run, '待审核' FROM people WHERE id_number = '$person'"
done
# An approved line of February in each region, bank details, and a batch of each region (1 of
# the own region made by clerk, 2 of the other one): approved and exported, or a 404.
for n in 3 4; do
    person=$(sql "SELECT id_number FROM people WHERE name = '$(echo 王强 陈静 | cut -d' ' -f$((n - 2)))'")
    sql "INSERT INTO ledger_lines (id, benefit, payee, person, month, seq, kind, clause, document,
         payee_kind, region, amount_fen, funding, run_id, state) SELECT $n, 'x.subsidy',
         id_number, id_number, '2024-02', 0, '应发', '一', '文件', 'person', hukou_region, 10000,
         '未载明', $((n - 2)), '已审核' FROM people WHERE id_number = '$person'"
    echo "$person,户$n,622202020000123450$n,工商银行"
done | sed '1i 证件号码,户名,银行账号,开户行' >"$WORK/bank.csv"
bf --db "$db" ledger import-bank "$WORK/bank.csv" >/dev/null
bf --db "$db" ledger batch --month 2024-02 --region 370811 --by clerk >/dev/null 2>&1
bf --db "$db" ledger batch --month 2024-02 --region 50 --by cq >/dev/null 2>&1
expect_eq "$(sql "SELECT COUNT(*) FROM payment_batches")" 2 "a batch of each region"
serve_start
python3 - "$url" "$pw" "$own_org" "$other_org" <<'PY'
import sys
from web_client import Client, check
url, pw, own_org, other_org = sys.argv[1:5]
OTHER_ACCOUNT = "6222020200001234504"  # the other region's payee
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
    if path == "/api/ledger/runs" and method == "GET":
        return [(method, path, None, "own", lambda role: 200, "500101")]
    if path == "/api/ledger/runs" and method == "POST":
        return [(method, path, {"month": "2024-04"}, "own",
                 lambda role: 200 if role == "clerk" else 403)]
    if path == "/api/ledger/runs/{run}/review":
        body = {"decision": "approve", "reason": "核实"}
        return [(method, "/api/ledger/runs/1/review", body, "own",
                 lambda role: 200 if role == "reviewer" else 403),
                (method, "/api/ledger/runs/2/review", body, "other",
                 lambda role: 404 if role == "reviewer" else 403)]
    if path in ("/api/ledger/lines", "/api/ledger/export"):
        query = "?format=csv&" if path.endswith("export") else "?"
        return [(method, path + query + "run=1", None, "own", lambda role: 200, "500101"),
                (method, path + query + "run=2", None, "other", lambda role: 200, "500101"),
                (method, path + query + "full=1", None, "own",
                 lambda role: 200 if role in FULL else 403, "500101")]
    if path == "/api/imports/{kind}":
        # The people file holds a row of the user's region, or one of another region (rejected
        # into the error file: the import itself succeeds).
        header = "姓名,证件号码,性别,户籍地区划代码,帮扶类别\n"
        own = (header + "王强,370811200002290033,男,370811000000,脱贫享受政策人口\n").encode()
        other = (header + "陈静,500101199006150044,女,500101000000,脱贫享受政策人口\n").encode()
        return [(method, "/api/imports/people?name=own.csv", own, "own",
                 lambda role: 200 if role == "clerk" else 403),
                (method, "/api/imports/people?name=other.csv", other, "other",
                 lambda role: 200 if role == "clerk" else 403)]
    if path == "/api/calc/{ref}":
        return [(method, "/api/calc/%s?from=2024-01&to=2024-03", None, "own", lambda role: 200),
                (method, "/api/calc/%s?from=2024-01&to=2024-03", None, "other", lambda role: 404)]
    if path == "/api/reports/annex1":
        return [(method, path + "?quarter=2024Q1", None, "own", lambda role: 200, "重庆"),
                (method, path + "?quarter=2024Q1&format=csv", None, "own", lambda role: 200,
                 "重庆")]
    if path == "/api/dashboard":
        return [(method, path + "?year=2024", None, "own", lambda role: 200, "500101")]
    if path == "/api/orgs":
        return [(method, path, None, "own", lambda role: 200, other_org)]
    if path == "/api/orgs/{code}":
        return [(method, path.replace("{code}", own_org), None, "own", lambda role: 200),
                (method, path.replace("{code}", other_org), None, "other", lambda role: 404)]
    if path == "/api/orgs/{code}/decisions":
        body = {"carrier": "扶贫车间", "date": "2024-01-01", "document": "文1", "body": "人社局",
                "exception": "试点"}
        return [(method, path.replace("{code}", own_org), body, "own",
                 lambda role: 200 if role == "clerk" else 403),
                (method, path.replace("{code}", other_org), body, "other",
                 lambda role: 404 if role == "clerk" else 403)]
    if path == "/api/parameters" and method == "GET":
        return [(method, path + "?history=1", None, "own", lambda role: 200, "重庆")]
    if path == "/api/parameters" and method == "POST":
        body = {"name": "min_wage", "region": "370811", "from": "2024-01-01", "value": "1900"}
        return [(method, path, body, "own", lambda role: 200 if role == "clerk" else 403),
                (method, path, dict(body, region="500101"), "other",
                 lambda role: 404 if role == "clerk" else 403)]
    if path in ("/api/projects", "/api/posts", "/api/payments/batches", "/api/comparisons") \
            and method == "GET":
        return [(method, path, None, "own", lambda role: 200, "500101")]
    if path == "/api/imports/progress/{token}":
        return [(method, "/api/imports/progress/" + "a" * 32, None, "own",
                 lambda role: 404 if role == "clerk" else 403)]
    if path == "/api/comparisons/{run}":
        return [(method, "/api/comparisons/1", None, "own", lambda role: 200, "500101"),
                (method, "/api/comparisons/1?full=1", None, "own",
                 lambda role: 200 if role in FULL else 403, "500101"),
                (method, "/api/comparisons/2", None, "other", lambda role: 404)]
    if path == "/api/comparisons" and method == "POST":
        return [(method, path, {"list": "insurance", "date": "2024-03-31"}, "own",
                 lambda role: 200 if role == "clerk" else 403, "500101")]
    if path == "/api/payments/batches" and method == "POST":
        return [(method, path, {"month": "2024-02"}, "own",
                 lambda role: 200 if role == "clerk" else 403)]
    if path == "/api/payments/batches/{batch}/approve":
        return [(method, "/api/payments/batches/1/approve", None, "own",
                 lambda role: 200 if role == "reviewer" else 403),
                (method, "/api/payments/batches/2/approve", None, "other",
                 lambda role: 404 if role == "reviewer" else 403)]
    if path == "/api/payments/batches/{batch}/bank-file":
        return [(method, "/api/payments/batches/1/bank-file?format=csv", None, "own",
                 lambda role: 200 if role in ("clerk", "reviewer") else 403, OTHER_ACCOUNT),
                (method, "/api/payments/batches/2/bank-file?format=csv", None, "other",
                 lambda role: 404 if role in ("clerk", "reviewer") else 403, OTHER_ACCOUNT)]
    if path == "/api/payments/returns":
        # The other region's account matches nothing of the own region's batches: an error.
        body = ("银行账号,金额,结果,原因\n%s,100.00,成功,\n" % OTHER_ACCOUNT).encode()
        return [(method, path + "?name=return.csv", body, "own",
                 lambda role: 200 if role == "clerk" else 403)]
    raise SystemExit("FAIL: route %s %s has no place in the access matrix" % route)

def send(client, method, target, body, csrf=True):
    """A JSON body, or a file's bytes as the body (an import)."""
    if isinstance(body, bytes):
        return client.request(method, target, raw=body, csrf=csrf)
    return client.request(method, target, body, csrf=csrf)

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
    for method, path, body, where, expected, *hidden in requests(route):
        target = path % refs[where] if "%s" in path else path
        for role in ROLES:
            r = send(clients[role], method, target, body)
            check(r.status == expected(role), "%s %s as %s (%s region): %d, expected %d: %r"
                  % (method, target, role, where, r.status, expected(role), r))
            # What another region holds never shows (its lines come back as none).
            check(not hidden or hidden[0].encode() not in r.body,
                  "%s %s as %s shows another region's %s" % (method, target, role, hidden))
            checked += 1
        if where == "public":
            continue
        r = send(anonymous, method, target, body)
        check(r.status == 401, "%s %s without a session: %r" % (method, target, r))
        if method != "GET":
            writer = Client(url)
            writer.login(([x for x in ROLES if expected(x) != 403] or ["clerk"])[0], pw)
            r = send(writer, method, target, body, csrf=False)
            check(r.status == 403 and r.json()["error"] == "csrf",
                  "%s %s without the CSRF token: %r" % (method, target, r))
check(checked >= 100, "cells checked: %d" % checked)
print("cells", checked)
PY
serve_stop
test "$(sql "SELECT COUNT(*) FROM audit_log WHERE outcome = 'denied'")" -ge 10 || fail "denials audited"
bf --db "$db" audit verify >/dev/null
echo ok
