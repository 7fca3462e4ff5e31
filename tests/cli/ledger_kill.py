#!/usr/bin/env python3
"""ledger_kill.py BANGFU DB ENGINE POLICY_DIR SEED KILLS [TRIES] - SIGKILL at random points of
the money commands (t0940).

Month after month: ledger run, approve, batch, approve-batch, export-bank, import-return (one
payment failed), batch again, approve-batch, export-bank, import-return.  Each step is first
started and killed (SIGKILL) at a random moment, TRIES times (default 9), then run to its end;
a kill counts when the process was still running.  After a kill: a bank file under its name is complete (its total row; its checksum,
when there, matches) or absent.  At the end: every key's lines sum to calc's entitlement and
no key has two lines of one seq (exactly once), every paid payment has the amount the bank
returned for it and its lines are paid, every line is paid exactly once, and every bank file is
complete.  Prints the number of kills that hit a running process.
"""
import csv
import glob
import hashlib
import io
import json
import os
import random
import sqlite3
import subprocess
import sys
import time

BANGFU, DB, ENGINE, POLICIES, SEED, KILLS = sys.argv[1:7]
TRIES = int(sys.argv[7]) if len(sys.argv) > 7 else 9
MAX_DELAY = 0.05 if ENGINE == "sqlite" else 0.15


def sql(statement):
    if ENGINE == "postgresql":
        out = subprocess.run(["psql", "-qAt", "-v", "ON_ERROR_STOP=1", DB, "-c", statement],
                             capture_output=True, text=True, check=True)
        return [line.split("|") for line in out.stdout.splitlines() if line]
    with sqlite3.connect(DB, timeout=60) as conn:
        return [["" if v is None else str(v) for v in row]
                for row in conn.execute(statement).fetchall()]


def command(args):
    return [BANGFU, "--db", DB, *args]


def complete(path):
    """A bank file under its name: its last row is the total; its checksum matches."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows and rows[0][0] == "序号" and rows[-1][0] == "合计", (path, rows[-1:])
    total = sum(round(float(r[5]) * 100) for r in rows[1:-1])
    assert round(float(rows[-1][5]) * 100) == total, path
    if os.path.exists(path + ".sha256"):
        want = open(path + ".sha256").read().split()[0]
        assert hashlib.sha256(open(path, "rb").read()).hexdigest() == want, path


# How long each command took when last run to its end: the kills are spread over that time,
# so that as many land on a fast machine as on a slow one.
DURATIONS = {}


def step(rng, args, kills, tries, cleanup=None, done=None):
    """Starts args and kills it tries times, then runs it to its end (unless done() says a
    killed try finished it); returns its output."""
    for _ in range(tries):
        p = subprocess.Popen(command(args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, DURATIONS.get(args[1], MAX_DELAY)))
        if p.poll() is None:
            p.kill()
            kills[0] += 1
        p.wait()
        for path in glob.glob("bank_*.csv"):
            complete(path)
        if cleanup:
            cleanup()
    if done and done():
        return ""
    started = time.monotonic()
    out = subprocess.run(command(args), capture_output=True, text=True)
    DURATIONS[args[1]] = time.monotonic() - started
    if out.returncode != 0:
        sys.exit("%s: %s" % (" ".join(args), out.stderr))
    return out.stdout


def main():
    rng = random.Random(int(SEED))
    kills = [0]
    returned = {}  # (batch, account) -> fen the bank returned as paid
    month = 0
    while kills[0] < int(KILLS) or month < 3:
        month += 1
        if month > 12:
            sys.exit("only %d kills in a year of months" % kills[0])
        m = "2020-%02d" % month
        step(rng, ["ledger", "run", "--month", m, "--by", "经办员", "--policies", POLICIES],
             kills, TRIES)
        step(rng, ["ledger", "approve", "--month", m, "--reviewer", "复核员", "--reason", "核实"],
             kills, TRIES)
        for round_number in range(2):
            batch = json.loads(step(rng, ["ledger", "batch", "--month", m, "--by", "出纳",
                                          "--policies", POLICIES], kills, TRIES))
            if batch["batch"] == 0:
                # a killed try committed it: the batch of the month still waiting for export
                rows = sql("SELECT MAX(id) FROM payment_batches WHERE month = '%s'" % m)
                batch["batch"] = int(rows[0][0]) if rows and rows[0][0] else 0
            if batch["batch"] == 0:
                break
            n = batch["batch"]
            path = "bank_%d.csv" % n
            def waiting():
                return sql("SELECT COUNT(*) FROM payment_items WHERE batch_id = %d AND "
                           "state = '待导出'" % n)[0][0] != "0"

            def remove():
                # a file renamed before the kill prevented the commit: written again
                if waiting():
                    for p in (path, path + ".sha256"):
                        if os.path.exists(p):
                            os.remove(p)

            # approved by a second person before any bank file (a killed try may have done it)
            step(rng, ["ledger", "approve-batch", str(n), "--by", "审核员"], kills, TRIES, None,
                 lambda: sql("SELECT COUNT(*) FROM payment_batches WHERE id = %d AND "
                             "approved_by IS NOT NULL" % n)[0][0] != "0")
            step(rng, ["ledger", "export-bank", str(n), "--out", path], kills, TRIES, remove,
                 lambda: not waiting() and os.path.exists(path))
            complete(path)
            with open(path, encoding="utf-8-sig", newline="") as f:
                rows = list(csv.reader(f))[1:-1]
            failing = rng.randrange(len(rows)) if round_number == 0 else -1
            out = io.StringIO()
            w = csv.writer(out)
            w.writerow(["银行账号", "金额", "结果", "原因"])
            for i, r in enumerate(rows):
                ok = i != failing
                w.writerow([r[3], r[5], "成功" if ok else "失败", "" if ok else "户名不符"])
                if ok:
                    returned[(n, r[3])] = round(float(r[5]) * 100)
            name = "return_%d.csv" % n
            with open(name, "w", encoding="utf-8", newline="") as f:
                f.write(out.getvalue())
            step(rng, ["ledger", "import-return", name], kills, TRIES)
    # Exactly once: no key with two lines of one seq, and paid lines once.
    dup = sql("SELECT COUNT(*) FROM (SELECT benefit, payee, person, month, seq FROM ledger_lines "
              "GROUP BY benefit, payee, person, month, seq HAVING COUNT(*) > 1) d")
    assert dup[0][0] == "0", dup
    paid = sql("SELECT batch_id, account, amount_fen FROM payment_items WHERE state = '已支付'")
    assert {(int(b), a): int(f) for b, a, f in paid} == returned, (paid, returned)
    twice = sql("SELECT COUNT(*) FROM (SELECT p.line_id FROM payment_lines p JOIN payment_items i "
                "ON i.batch_id = p.batch_id AND i.item = p.item WHERE i.state = '已支付' "
                "GROUP BY p.line_id HAVING COUNT(*) > 1) d")
    assert twice[0][0] == "0", twice
    sums = sql("SELECT i.amount_fen, (SELECT SUM(l.amount_fen) FROM payment_lines p JOIN "
               "ledger_lines l ON l.id = p.line_id WHERE p.batch_id = i.batch_id AND "
               "p.item = i.item) FROM payment_items i")
    assert all(a == b for a, b in sums), sums
    states = sql("SELECT COUNT(*) FROM ledger_lines l WHERE l.state = '已支付' AND NOT EXISTS "
                 "(SELECT 1 FROM payment_lines p JOIN payment_items i ON i.batch_id = p.batch_id "
                 "AND i.item = p.item WHERE p.line_id = l.id AND i.state = '已支付')")
    assert states[0][0] == "0", states
    for path in glob.glob("bank_*.csv"):
        complete(path)
    print(kills[0], month)


main()
