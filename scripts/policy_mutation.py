#!/usr/bin/env python3
"""Mutation test of the policy cases: for each policy file, changes each value
the engine reads, one at a time (a number by one unit of its last digit, up
and down; a date by a day, a month by a month, earlier and later), runs the
cases of that document against the mutated policies, and lists every mutation
that no case catches (a "survivor": a number the cases do not pin down).

  scripts/policy_mutation.sh [-j JOBS] BANGFU_BINARY [policies/FILE.lua ...]

Not mutated: text (numbers inside strings are the legal text quoted), the
document's `issued` day (shown, not computed with), `target { }` and
`report { }` declarations (listed, not computed by calc).  The cases of a file
are tests/policy/<stem>/ or, without one, tests/policy/<stem without the
year>/ (jining_2020_47.lua: tests/policy/jining_47/).  Cases run JOBS at a
time and stop at the first failure; the case that caught the last mutation
runs first.  Exits 1 when a mutation survives.

Some mutations cannot be caught: two literals say the same edge (a benefit's
`valid.to` and its `job_start_between` end) and each alone keeps the row out.
tests/policy/equivalent_mutations.txt lists them, one a line, as the survivor
line prints it without its line number, then " | " and why no case can tell:
  policies/x.lua: rule.id valid.to: "2020-06-30" -> "2020-07-01" | why
They are reported as EQUIVALENT and do not count; a listed one that a case
now catches is reported as STALE (remove it from the list)."""
import datetime, os, re, shutil, sys, tempfile

sys.dont_write_bytecode = True  # no scripts/__pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import policy_cases  # noqa: E402

ROOT = policy_cases.ROOT
EQUIVALENT_LIST = os.path.join(policy_cases.CASES_DIR, "equivalent_mutations.txt")
POLICIES = os.path.join(ROOT, "policies")
NOT_COMPUTED_DECLARATIONS = ("target", "report")
NOT_COMPUTED_KEYS = ("issued",)
DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
NUMBER = re.compile(r"0[xX][0-9a-fA-F]+|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
LONG_BRACKET = re.compile(r"\[(=*)\[")


class Literal:
    def __init__(self, start, end, text, kind, line, declaration, key, predicate):
        self.start, self.end, self.text, self.kind, self.line = start, end, text, kind, line
        self.declaration, self.key, self.predicate = declaration, key, predicate
        self.owner = ""  # the id of the declaration it is in


def literals(source):
    """The number and date literals of a Lua data file, with where they are."""
    found, tokens, stack = [], [], []
    declaration_start, ids = None, []
    i, line, n = 0, 1, len(source)
    while i < n:
        c = source[i]
        if c == "\n":
            line += 1
            i += 1
            continue
        if c in " \t\r":
            i += 1
            continue
        if source.startswith("--", i):
            m = LONG_BRACKET.match(source, i + 2)
            if m:
                close = source.find("]" + m.group(1) + "]", m.end())
                end = n if close < 0 else close + len(m.group(1)) + 2
            else:
                end = source.find("\n", i)
                end = n if end < 0 else end
            line += source.count("\n", i, end)
            i = end
            continue
        m = LONG_BRACKET.match(source, i)
        if m:
            close = source.find("]" + m.group(1) + "]", m.end())
            end = n if close < 0 else close + len(m.group(1)) + 2
            line += source.count("\n", i, end)
            tokens.append(("string", source[m.end():close], i, end, line))
            i = end
            continue
        if c in "\"'":
            j = i + 1
            while j < n and source[j] != c:
                j += 2 if source[j] == "\\" else 1
            tokens.append(("string", source[i + 1:j], i, j + 1, line))
            line += source.count("\n", i, j)
            i = j + 1
        elif c.isdigit() or (c == "." and i + 1 < n and source[i + 1].isdigit()):
            m = NUMBER.match(source, i)
            tokens.append(("number", m.group(0), i, m.end(), line))
            i = m.end()
        elif NAME.match(source, i):
            m = NAME.match(source, i)
            tokens.append(("name", m.group(0), i, m.end(), line))
            i = m.end()
        else:
            tokens.append(("punct", c, i, i + 1, line))
            i += 1
        kind, text, start, end, tline = tokens[-1]
        if kind == "punct" and text == "{":
            key = None
            if len(tokens) >= 3 and tokens[-2][1] == "=" and tokens[-3][0] == "name":
                key = tokens[-3][1]
            elif len(tokens) >= 2 and tokens[-2][0] == "name" and not stack:
                key = tokens[-2][1]  # a declaration: benefit { ... }
                declaration_start = len(found)
                ids = []
            stack.append({"key": key, "first": None, "count": 0})
        elif kind == "punct" and text == "}":
            if stack:
                stack.pop()
            if not stack and declaration_start is not None:
                for lit in found[declaration_start:]:
                    lit.owner = ids[0] if ids else ""
                declaration_start = None
        elif kind == "punct" and text == ",":
            pass
        elif kind in ("string", "number") and stack:
            frame = stack[-1]
            assigned = len(tokens) >= 3 and tokens[-2][1] == "=" and tokens[-3][0] == "name"
            key = tokens[-3][1] if assigned else None
            if not assigned:
                frame["count"] += 1
                if frame["count"] == 1 and kind == "string":
                    frame["first"] = text
            if kind == "string" and key == "id" and len(stack) == 1:
                ids.append(text)
            declaration = stack[0]["key"]
            path = [f["key"] for f in stack]
            is_date = kind == "string" and (DATE.match(text) or MONTH.match(text))
            if (kind == "number" or is_date) and declaration not in NOT_COMPUTED_DECLARATIONS \
                    and key not in NOT_COMPUTED_KEYS:
                outer = ".".join(k for k in (path[-1] if len(path) > 1 else None, key) if k)
                found.append(Literal(start, end, text, "date" if is_date else "number", tline,
                                     declaration, outer, frame["first"]))
    return found


def add_months(year, month, delta):
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def mutants(lit):
    """The replacement texts of a literal (with the quotes of a date)."""
    if lit.kind == "date":
        m = DATE.match(lit.text)
        if m:
            day = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return ['"%s"' % (day + datetime.timedelta(days=d)).isoformat() for d in (-1, 1)]
        m = MONTH.match(lit.text)
        return ['"%04d-%02d"' % add_months(int(m.group(1)), int(m.group(2)), d) for d in (-1, 1)]
    text = lit.text
    if text.lower().startswith("0x") or "e" in text.lower():
        return []  # not a form the policy files use
    decimals = len(text.split(".")[1]) if "." in text else 0
    step = 10 ** -decimals
    value = float(text)
    out = []
    for d in (-step, step):
        v = value + d
        if v < 0:
            continue
        out.append(("%.*f" % (decimals, v)) if decimals else str(int(round(v))))
    return out


def cases_of(policy_file):
    stem = os.path.splitext(os.path.basename(policy_file))[0]
    for name in (stem, re.sub(r"_\d{4}(?=_|$)", "", stem)):
        directory = os.path.join(policy_cases.CASES_DIR, name)
        if os.path.isdir(directory):
            return policy_cases.case_paths(os.path.relpath(directory, ROOT) + os.sep)
    return []


def equivalent_mutations():
    """{mutation: reason} from EQUIVALENT_LIST."""
    listed = {}
    if os.path.exists(EQUIVALENT_LIST):
        with open(EQUIVALENT_LIST, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith("#"):
                    mutation, _, reason = line.partition(" | ")
                    listed[mutation.strip()] = reason.strip()
    return listed


def mutate_file(bangfu, policy_file, jobs, workdir, equivalent):
    """Runs every mutation of policy_file; returns (mutation count, survivors, equivalent)."""
    with open(policy_file, encoding="utf-8") as f:
        source = f.read()
    paths = cases_of(policy_file)
    target = os.path.join(workdir, os.path.basename(policy_file))
    survivors, count, masked = [], 0, 0
    if not paths:
        print("%s: no cases" % os.path.relpath(policy_file, ROOT), flush=True)
    for lit in literals(source):
        for replacement in mutants(lit):
            count += 1
            with open(target, "w", encoding="utf-8") as f:
                f.write(source[:lit.start] + replacement + source[lit.end:])
            results = policy_cases.run_cases(bangfu, workdir, paths, jobs, stop_at_first=True)
            killers = [p for p, problems in results.items() if problems]
            what = " ".join(w for w in (lit.owner or lit.declaration, lit.key, lit.predicate) if w)
            text = lit.text if lit.kind == "number" else '"%s"' % lit.text
            mutation = "%s: %s: %s -> %s" % (os.path.relpath(policy_file, ROOT), what, text,
                                             replacement)
            if killers:
                # The case that caught this one is likely to catch the next (same rule).
                paths.remove(killers[0])
                paths.insert(0, killers[0])
                if mutation in equivalent:
                    print("STALE %s (caught by %s; remove it from %s)" % (
                        mutation, os.path.relpath(killers[0], ROOT),
                        os.path.relpath(EQUIVALENT_LIST, ROOT)), flush=True)
                continue
            if mutation in equivalent:
                masked += 1
                print("EQUIVALENT %s | %s" % (mutation, equivalent[mutation]), flush=True)
                continue
            line = "SURVIVES %s (line %d)" % (mutation, lit.line)
            print(line, flush=True)
            survivors.append(line)
    with open(target, "w", encoding="utf-8") as f:
        f.write(source)
    return count, survivors, masked


def main(argv):
    parsed = policy_cases.parse_arguments(
        argv, "scripts/policy_mutation.sh [-j JOBS] BANGFU_BINARY [policies/FILE.lua ...]")
    if parsed is None:
        return 2
    jobs, bangfu, args = parsed
    files = [os.path.abspath(a) for a in args] or sorted(
        os.path.join(POLICIES, f) for f in os.listdir(POLICIES) if f.endswith(".lua"))
    equivalent = equivalent_mutations()
    workdir = tempfile.mkdtemp(prefix="bangfu_mutation.")
    summary, survived = [], 0
    try:
        for f in os.listdir(POLICIES):
            if f.endswith(".lua"):
                shutil.copy(os.path.join(POLICIES, f), workdir)
        baseline = policy_cases.run_cases(bangfu, workdir, policy_cases.case_paths(), jobs)
        broken = sorted(os.path.relpath(p, ROOT) for p, pr in baseline.items() if pr)
        if broken:
            print("the cases fail without a mutation: %s" % ", ".join(broken), file=sys.stderr)
            return 2
        for policy_file in files:
            count, survivors, masked = mutate_file(bangfu, policy_file, jobs, workdir,
                                                   equivalent)
            survived += len(survivors)
            summary.append("%s: %d mutations, %d survive, %d equivalent" % (
                os.path.relpath(policy_file, ROOT), count, len(survivors), masked))
            print(summary[-1], flush=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print("policy mutation: " + "; ".join(summary))
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
