#!/bin/sh
# Runs every policy case tests/policy/**/*.json through `bangfu calc` and
# compares the output with the case's "expect".
#   scripts/policy_cases.sh BANGFU_BINARY [FILTER]
# A case file (see docs/policy-format.md, "Tests beside the documents"):
#   {"description": "...", "scope": "jining47.", "situation": {...calc input...},
#    "expect": {"entitlements": [partial entries], "exact": true|false,
#               "absent": [partial entries that must not appear],
#               "excluded": [...], "warnings": [...], "statuses": [...],
#               "total": 1234.50,
#               "error": {"exit": 2, "message_contains": "people[0]..."}}}
# "scope" limits "exact" (and all comparisons) to benefits whose id starts
# with it, so a case of one document is not upset by another document's
# benefits; "exact_warnings": true makes the warnings list exact as well.
# A partial entry matches an output entry when every key it gives is equal
# (amounts compared to the fen; "message_contains" is a substring test).
# Prints one line per failure and a final summary line
#   policy cases: N passed, M failed
# and exits non-zero when any case failed.
set -eu
if [ $# -lt 1 ]; then
    echo "usage: scripts/policy_cases.sh BANGFU_BINARY [FILTER]" >&2
    exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
bangfu=$1
case "$bangfu" in /*) ;; *) bangfu="$(pwd)/$bangfu" ;; esac
filter=${2:-}
exec python3 - "$bangfu" "$root" "$filter" <<'PY'
import json, os, subprocess, sys, tempfile

bangfu, root, flt = sys.argv[1], sys.argv[2], sys.argv[3]
cases_dir = os.path.join(root, "tests", "policy")
policies = os.path.join(root, "policies")

def fen(v):
    return None if v is None else round(float(v) * 100)

def matches(want, got):
    for k, v in want.items():
        if k == "message_contains":
            if v not in got.get("message", ""):
                return False
            continue
        if k not in got:
            return False
        if k in ("amount", "total"):
            if fen(v) != fen(got[k]):
                return False
        elif got[k] != v:
            return False
    return True

def check_list(name, wants, gots, exact, problems):
    free = list(range(len(gots)))
    for w in wants:
        hit = next((i for i in free if matches(w, gots[i])), None)
        if hit is None:
            problems.append("%s: no match for %s" % (name, json.dumps(w, ensure_ascii=False)))
        else:
            free.remove(hit)
    if exact and free:
        extra = [gots[i] for i in free][:3]
        problems.append("%s: %d unexpected, e.g. %s" % (name, len(free), json.dumps(
            [{k: e.get(k) for k in ("benefit", "person", "payee", "month", "amount", "message") if k in e} for e in extra],
            ensure_ascii=False)))

def run_case(path):
    with open(path, encoding="utf-8") as f:
        case = json.load(f)
    expect = case.get("expect", {})
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as tmp:
        json.dump(case["situation"], tmp, ensure_ascii=False)
        name = tmp.name
    try:
        args = [bangfu, "calc", name, "--policies", policies]
        if expect.get("explain"):
            args.append("--explain")
        env = dict(os.environ, LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8")
        p = subprocess.run(args, capture_output=True, text=True, env=env, timeout=60)
    finally:
        os.unlink(name)
    problems = []
    if "error" in expect:
        e = expect["error"]
        if p.returncode != e.get("exit", 2):
            problems.append("exit %d, expected %d (%s)" % (p.returncode, e.get("exit", 2), p.stderr.strip()[:200]))
        if e.get("message_contains") and e["message_contains"] not in p.stderr:
            problems.append("stderr lacks %r: %s" % (e["message_contains"], p.stderr.strip()[:200]))
        return problems
    if p.returncode != 0:
        return ["exit %d: %s" % (p.returncode, p.stderr.strip()[:300])]
    try:
        out = json.loads(p.stdout)
    except ValueError as err:
        return ["output is not JSON: %s" % err]
    exact = expect.get("exact", False)
    scope = case.get("scope", "")
    def scoped(items):
        return [g for g in items if g.get("benefit", "").startswith(scope)]
    check_list("entitlements", expect.get("entitlements", []), scoped(out["entitlements"]), exact, problems)
    for a in expect.get("absent", []):
        if any(matches(a, g) for g in out["entitlements"]):
            problems.append("absent: found %s" % json.dumps(a, ensure_ascii=False))
    if "excluded" in expect:
        check_list("excluded", expect["excluded"], scoped(out["excluded"]), exact, problems)
    if "warnings" in expect:
        check_list("warnings", expect["warnings"], scoped(out["warnings"]),
                   expect.get("exact_warnings", False), problems)
    if "statuses" in expect:
        check_list("statuses", expect["statuses"], out["statuses"], False, problems)
    if "total" in expect and fen(expect["total"]) != fen(out["total"]):
        problems.append("total %s, expected %s" % (out["total"], expect["total"]))
    if "explain_contains" in expect:
        text = json.dumps(out.get("explain", []), ensure_ascii=False)
        for needle in expect["explain_contains"]:
            if needle not in text:
                problems.append("explain lacks %r" % needle)
    return problems

paths = []
for d, _, files in os.walk(cases_dir):
    for f in files:
        if f.endswith(".json"):
            paths.append(os.path.join(d, f))
paths.sort()
passed = failed = 0
for path in paths:
    rel = os.path.relpath(path, root)
    if flt and flt not in rel:
        continue
    try:
        problems = run_case(path)
    except Exception as err:  # a malformed case file is a failure, not a crash
        problems = ["cannot run: %s" % err]
    if problems:
        failed += 1
        for pr in problems:
            print("FAIL %s: %s" % (rel, pr))
    else:
        passed += 1
print("policy cases: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
