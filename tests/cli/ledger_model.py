#!/usr/bin/env python3
"""ledger_model.py BANGFU DB ENGINE POLICY_DIR SEED ROUNDS - randomized differential test of
`bangfu ledger run` against a small model (t0930).

Each round corrects facts at random (jobs removed, put back, moved, ended), reviews some pending
lines (approve, reject), and runs the ledger for a random month.  The model keeps, per key
(benefit, payee, person, month), the lines written so far; from calc over the stored data (the
entitlement now) it predicts the lines the run must append: none when the key's lines already
sum to the entitlement, else one line of the difference with the next seq and its kind (应发 for
the first, 补发 more, 调减 less with nothing granted, 追回 less after a line was approved or paid).
It checks the appended lines are exactly those, that no line written before changed (but its
state), and that the lines of every key sum to its entitlement.
"""
import csv
import io
import json
import os
import random
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ledger_check import unpaid  # noqa: E402

BANGFU, DB, ENGINE, POLICIES, SEED, ROUNDS = sys.argv[1:7]
SETTLED = {"已审核", "已入批", "已支付", "支付失败"}


def sql(statement):
    if ENGINE == "postgresql":
        out = subprocess.run(["psql", "-qAt", "-v", "ON_ERROR_STOP=1", DB, "-c", statement],
                             capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError(out.stderr)
        return [line.split("|") for line in out.stdout.splitlines() if line]
    with sqlite3.connect(DB) as conn:
        return [list(map(lambda v: "" if v is None else str(v), row))
                for row in conn.execute(statement).fetchall()]


def bf(*args):
    out = subprocess.run([BANGFU, "--db", DB, *args], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("bangfu %s: %s" % (" ".join(args), out.stderr))
    return out.stdout


def lines():
    every = {}
    for month in MONTHS:
        for r in csv.DictReader(io.StringIO(bf("ledger", "list", "--month", month))):
            every[r["编号"]] = r
    return every


def entitlements(month, skip):
    calc = json.loads(bf("calc", "--from", "2018-11", "--to", month, "--policies", POLICIES))
    want = {}
    for e in calc["entitlements"]:
        if e["month"] != month or e["benefit"] in skip or not e.get("amount"):
            continue
        key = (e["benefit"], e["payee"], e["person"] or "", month)
        want[key] = want.get(key, 0) + round(e["amount"] * 100)
    return want


def key_of(r):
    return (r["待遇"], r["收款人"], r["人员"], r["月份"])


MONTHS = ["2020-%02d" % m for m in range(2, 9)]


def main():
    rng = random.Random(int(SEED))
    skip = unpaid(POLICIES)
    removed = []
    seen = lines()
    checked = 0
    for round_number in range(int(ROUNDS)):
        jobs = sql("SELECT id_number, employer, start_date, end_date FROM jobs ORDER BY 1, 2, 3")
        for _ in range(rng.randint(1, 3)):
            what = rng.random()
            if what < 0.35 and jobs:
                job = rng.choice(jobs)
                rows = sql("SELECT * FROM jobs WHERE id_number = '%s' AND employer = '%s' AND "
                           "start_date = '%s'" % tuple(job[:3]))
                if rows:
                    removed.append(rows[0])
                    sql("DELETE FROM jobs WHERE id_number = '%s' AND employer = '%s' AND "
                        "start_date = '%s'" % tuple(job[:3]))
            elif what < 0.6 and removed:
                row = removed.pop(rng.randrange(len(removed)))
                values = ", ".join("NULL" if v == "" else "'%s'" % v for v in row)
                try:
                    sql("INSERT INTO jobs VALUES (%s)" % values)
                except Exception:  # a job of the same key came back meanwhile
                    pass
            elif what < 0.8 and jobs:
                job = rng.choice(jobs)
                month = rng.choice(["2019-11", "2020-01", "2020-03", "2020-05"])
                try:
                    sql("UPDATE jobs SET start_date = '%s-%02d' WHERE id_number = '%s' AND "
                        "employer = '%s' AND start_date = '%s'"
                        % (month, rng.randint(1, 28), job[0], job[1], job[2]))
                except Exception:
                    pass
            elif jobs:
                job = rng.choice(jobs)
                end = rng.choice(["NULL", "'2020-04-30'", "'2020-06-15'"])
                sql("UPDATE jobs SET end_date = %s WHERE id_number = '%s' AND employer = '%s' "
                    "AND start_date = '%s'" % (end, job[0], job[1], job[2]))
        pending = [i for i, r in seen.items() if r["状态"] == "待审核"]
        rng.shuffle(pending)
        for i in pending[:rng.randint(0, 4)]:
            bf("ledger", "approve", "--line", i, "--reviewer", "复核员", "--reason", "抽查")
        for i in pending[4:4 + rng.randint(0, 1)]:
            bf("ledger", "reject", "--line", i, "--reviewer", "复核员", "--reason", "材料不全")
        month = rng.choice(MONTHS)
        before = lines()
        model = {}
        for r in before.values():
            if r["月份"] != month:
                continue
            m = model.setdefault(key_of(r), {"sum": 0, "seq": -1, "settled": False})
            m["sum"] += int(r["金额（分）"])
            m["seq"] = max(m["seq"], int(r["序号"]))
            m["settled"] = m["settled"] or r["状态"] in SETTLED
        want = entitlements(month, skip)
        expected = {}
        for key in set(model) | set(want):
            m = model.get(key, {"sum": 0, "seq": -1, "settled": False})
            delta = want.get(key, 0) - m["sum"]
            if delta == 0:
                continue
            kind = ("应发" if m["seq"] < 0 else "补发" if delta > 0
                    else "追回" if m["settled"] else "调减")
            expected[key + (str(m["seq"] + 1),)] = (kind, delta)
        bf("ledger", "run", "--month", month, "--by", "经办员", "--policies", POLICIES)
        after = lines()
        for i, r in before.items():
            a = after.get(i)
            if a is None or any(a[c] != r[c] for c in r if c != "状态"):
                sys.exit("round %d: line %s changed: %s -> %s" % (round_number, i, r, a))
        appended = {key_of(r) + (r["序号"],): (r["类别"], int(r["金额（分）"]))
                    for i, r in after.items() if i not in before}
        if appended != expected:
            for k in sorted(set(appended) | set(expected)):
                if appended.get(k) != expected.get(k):
                    print("round %d %s: run %s, model %s" % (round_number, k, appended.get(k),
                                                               expected.get(k)), file=sys.stderr)
            sys.exit(1)
        sums = {}
        for r in after.values():
            if r["月份"] == month:
                sums[key_of(r)] = sums.get(key_of(r), 0) + int(r["金额（分）"])
        if {k: v for k, v in sums.items() if v} != {k: v for k, v in want.items() if v}:
            sys.exit("round %d: the lines of %s do not sum to the entitlements" % (round_number,
                                                                                  month))
        checked += len(expected)
        seen = after
    print(checked)


main()
