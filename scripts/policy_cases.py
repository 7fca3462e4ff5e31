#!/usr/bin/env python3
"""Runs the policy cases tests/policy/**/*.json through `bangfu calc` and
compares the output with each case's "expect" (the format is described in
scripts/policy_cases.sh and docs/policy-format.md).  Used by
scripts/policy_cases.sh and, as a module, by scripts/policy_mutation.py."""
import json, os, subprocess, sys, tempfile, threading
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES_DIR = os.path.join(ROOT, "tests", "policy")


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


def run_case(bangfu, policies, path):
    """The problems of one case (an empty list when it passes)."""
    with open(path, encoding="utf-8") as f:
        case = json.load(f)
    expect = case.get("expect", {})
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as tmp:
        json.dump(case["situation"], tmp, ensure_ascii=False)
        name = tmp.name
    try:
        args = [bangfu, "calc", name, "--policies", policies]
        if expect.get("explain"):  # "full": the full decision records
            args.append("--explain=full" if expect["explain"] == "full" else "--explain")
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


def case_paths(flt=""):
    """Every case file whose path relative to the repository contains flt, sorted."""
    paths = []
    for d, _, files in os.walk(CASES_DIR):
        for f in files:
            if f.endswith(".json"):
                path = os.path.join(d, f)
                if not flt or flt in os.path.relpath(path, ROOT):
                    paths.append(path)
    return sorted(paths)


def run_cases(bangfu, policies, paths, jobs, stop_at_first=False):
    """Runs paths on jobs threads (each case is one bangfu process); returns
    {path: problems} for the cases run.  With stop_at_first, cases not yet
    started are skipped once one has failed."""
    results = {}
    failed = threading.Event()

    def one(path):
        if stop_at_first and failed.is_set():
            return
        try:
            problems = run_case(bangfu, policies, path)
        except Exception as err:  # a malformed case file is a failure, not a crash
            problems = ["cannot run: %s" % err]
        results[path] = problems
        if problems:
            failed.set()
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        list(pool.map(one, paths))
    return results


def parse_arguments(argv, usage):
    """(jobs, bangfu, the other arguments) from [-j JOBS] BANGFU ...; None after printing
    usage when BANGFU is missing.  JOBS defaults to $POLICY_CASES_JOBS or 2."""
    args = argv[1:]
    jobs = int(os.environ.get("POLICY_CASES_JOBS", "2"))
    if len(args) >= 2 and args[0] == "-j":
        jobs, args = int(args[1]), args[2:]
    if not args:
        print("usage: " + usage, file=sys.stderr)
        return None
    return jobs, os.path.abspath(args[0]), args[1:]


def main(argv):
    parsed = parse_arguments(argv, "scripts/policy_cases.sh [-j JOBS] BANGFU_BINARY [FILTER]")
    if parsed is None:
        return 2
    jobs, bangfu, args = parsed
    flt = args[0] if args else ""
    results = run_cases(bangfu, os.path.join(ROOT, "policies"), case_paths(flt), jobs)
    passed = failed = 0
    for path in sorted(results):
        if results[path]:
            failed += 1
            for pr in results[path]:
                print("FAIL %s: %s" % (os.path.relpath(path, ROOT), pr))
        else:
            passed += 1
    print("policy cases: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
