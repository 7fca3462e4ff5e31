#!/bin/sh
# --progress json: import and export report every step as JSON lines on
# stderr (reading, checking/indexing, committing, then done); --progress
# terminal redraws one line and ends it; a bad value is a usage error.
. "$(dirname "$0")/lib.sh"
db=$(new_db)
python3 - "$WORK/people.csv" 30000 <<'PY'
import datetime, sys
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
C = "10X98765432"
out = open(sys.argv[1], "w", encoding="utf-8")
out.write("姓名,证件号码,户籍地区划代码,户编号,帮扶类别\n")
start = datetime.date(1950, 1, 1)
for i in range(int(sys.argv[2])):
    s17 = "370811%s%03d" % ((start + datetime.timedelta(days=(i % 10000) * 2)).strftime("%Y%m%d"), i // 10000)
    out.write("人员%d,%s%s,370811,H%d,脱贫享受政策人口\n" % (i, s17, C[sum(int(a) * b for a, b in zip(s17, W)) % 11], i // 3))
PY

# check_json FILE JOB STEPS...: every line starting with { is a JSON object of JOB; the steps
# seen, in order of first appearance, are STEPS; the last is "done".
check_json() {
    python3 - "$@" <<'PY' || fail "progress JSON of $2"
import json, sys
path, job, want = sys.argv[1], sys.argv[2], sys.argv[3:]
lines = [l for l in open(path, encoding="utf-8").read().splitlines() if l.startswith("{")]
assert lines, "no progress lines"
steps = []
for line in lines:
    v = json.loads(line)
    assert v["job"] == job, line
    assert isinstance(v["elapsed_ms"], int), line
    if "fraction" in v:
        assert 0 <= v["fraction"] <= 1, line
    if v["step"] not in steps:
        steps.append(v["step"])
assert steps == want, "steps %s, expected %s" % (steps, want)
last = json.loads(lines[-1])
assert last["step"] == "done", lines[-1]
PY
}

bf --db "$db" import people "$WORK/people.csv" --progress json >"$WORK/out" 2>"$WORK/err"
# Both engines build the indexes of an empty registry once, at the end: PostgreSQL before it
# commits (the primary key after summing), SQLite after, in a transaction of its own, while a
# second connection copies what the commit wrote into the database; SQLite first writes the rows
# it kept, in order of village.
if [ "$ENGINE" = postgresql ]; then
    check_json "$WORK/err" import reading checking indexing summing committing done
else
    check_json "$WORK/err" import reading writing checking summing committing indexing done
fi
grep -q '"step":"reading","done":30000,"fraction":1.000' "$WORK/err" || fail "reading ends at 100%"
expect_contains "$(cat "$WORK/out")" '"inserted":30000' "the counts still go to stdout"

# A second run: known people (no bulk load, no index rebuild; PostgreSQL
# writes the updates in bulk at the end, SQLite looks the rows up and writes
# them in ID number order once they are read).
bf --db "$db" import people "$WORK/people.csv" --progress json >/dev/null 2>"$WORK/err"
check_json "$WORK/err" import reading writing summing committing done
grep -q '"step":"writing","done":30000,"fraction":1.000' "$WORK/err" ||
    [ "$ENGINE" = postgresql ] || fail "writing ends at 100%"

bf --db "$db" export people --out "$WORK/all.csv" --progress json 2>"$WORK/err"
check_json "$WORK/err" export exporting done
grep -q '"step":"done","done":30000' "$WORK/err" || fail "export reports its rows"

LANG=C.UTF-8 bf --db "$db" import people "$WORK/people.csv" --progress terminal >/dev/null 2>"$WORK/err"
expect_eq "$(tail -c 1 "$WORK/err" | od -An -c | tr -d ' ')" '\n' "the terminal line is ended"
expect_contains "$(tr '\r' '\n' <"$WORK/err" | tail -1)" "import: done" "the last terminal line"

if bf --db "$db" import people "$WORK/people.csv" --progress loud >/dev/null 2>&1; then
    fail "--progress loud accepted"
fi
echo ok
