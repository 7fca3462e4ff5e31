#!/usr/bin/env python3
"""ledger_check.py - checks of the ledger tests (t0900-t0999) on `bangfu ledger list` output.

  ledger_check.py sums LIST.csv CALC.json MONTH POLICY_DIR
      the lines of each key (benefit, payee, person, month) sum to the calc's money
      entitlements of MONTH for that key (services with an amount included; excluded ones and
      those needing an application left out), no key more
  ledger_check.py kept BEFORE.csv AFTER.csv
      every line of BEFORE is in AFTER with the same id and every column but 状态 unchanged
  ledger_check.py keys LIST.csv
      no two lines share (benefit, payee, person, month, seq)
"""
import csv
import glob
import json
import re
import sys


def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def unpaid(policy_dir):
    """The benefits the ledger does not pay as calc says: those needing an application
    (nobody has applied in the tests that compare sums)."""
    ids = set()
    for path in glob.glob(policy_dir + "/*.lua"):
        for block in open(path, encoding="utf-8").read().split("\nbenefit {")[1:]:
            block = block.split("\n}")[0]
            if re.search(r'\bapplication\s*=', block):
                ids.add(re.search(r'\bid\s*=\s*"([^"]+)"', block).group(1))
    return ids


def fen(text):
    return round(float(text) * 100)


def main():
    what = sys.argv[1]
    if what == "sums":
        lines, calc, month, policy_dir = sys.argv[2:6]
        skip = unpaid(policy_dir)
        want = {}
        for e in json.load(open(calc, encoding="utf-8"))["entitlements"]:
            if e["month"] != month or e["benefit"] in skip or not e.get("amount"):
                continue
            key = (e["benefit"], e["payee"], e["person"] or "", month)
            want[key] = want.get(key, 0) + fen(e["amount"])
        have = {}
        for r in rows(lines):
            key = (r["待遇"], r["收款人"], r["人员"], r["月份"])
            have[key] = have.get(key, 0) + int(r["金额（分）"])
        have = {k: v for k, v in have.items() if v != 0}
        want = {k: v for k, v in want.items() if v != 0}
        if have != want:
            for k in sorted(set(have) | set(want)):
                if have.get(k) != want.get(k):
                    print("key", k, "ledger", have.get(k), "calc", want.get(k), file=sys.stderr)
            sys.exit(1)
        print(len(want))
    elif what == "kept":
        before = {r["编号"]: r for r in rows(sys.argv[2])}
        after = {r["编号"]: r for r in rows(sys.argv[3])}
        for i, r in before.items():
            a = after.get(i)
            if a is None:
                sys.exit("line %s is gone" % i)
            for column in r:
                if column != "状态" and r[column] != a[column]:
                    sys.exit("line %s: %s changed from %s to %s" % (i, column, r[column], a[column]))
    elif what == "keys":
        seen = set()
        for r in rows(sys.argv[2]):
            key = (r["待遇"], r["收款人"], r["人员"], r["月份"], r["序号"])
            if key in seen:
                sys.exit("duplicate key %s" % (key,))
            seen.add(key)
    else:
        sys.exit("unknown check " + what)


if __name__ == "__main__":
    main()
