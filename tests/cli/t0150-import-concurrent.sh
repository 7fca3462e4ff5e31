#!/bin/sh
# Imports started together all succeed, one after the other (batch ids from
# the database's counter, one writer at a time); an import waits for another
# one as long as it takes, or as long as --wait says, and says why; readers
# never wait for an import.
. "$(dirname "$0")/lib.sh"

# people_csv FILE FIRST COUNT: COUNT valid people numbered from FIRST.
people_csv() {
    python3 - "$1" "$2" "$3" <<'PY'
import datetime, sys
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
C = "10X98765432"
out = open(sys.argv[1], "w", encoding="utf-8")
out.write("姓名,证件号码,户籍地区划代码,户编号,帮扶类别,联系电话\n")
start = datetime.date(1950, 1, 1)
first, count = int(sys.argv[2]), int(sys.argv[3])
for i in range(first, first + count):
    area = ("370811", "500101")[i % 2]
    s17 = "%s%s%03d" % (area, (start + datetime.timedelta(days=(i % 10000) * 2)).strftime("%Y%m%d"), i // 10000)
    check = C[sum(int(a) * b for a, b in zip(s17, W)) % 11]
    out.write("人员%d,%s%s,%s,H%d,脱贫享受政策人口,138%08d\n" % (i, s17, check, area, i // 3, i))
PY
}

# The write lock an import takes, held by another client for SECONDS or
# until release_write_lock; returns once it is held (on a loaded machine the
# holder may start after the import it should block).
hold_write_lock() {
    rm -f "$WORK/held"
    if [ "$ENGINE" = postgresql ]; then
        # The advisory lock key of exclusive writers (store_postgres.c).
        PGAPPNAME=t0150_holder psql -qAt "$db" >/dev/null 2>&1 <<EOF &
BEGIN;
SELECT pg_advisory_xact_lock(108170603619957);
\\! touch '$WORK/held'
SELECT pg_sleep($1);
COMMIT;
EOF
    else
        python3 -c 'import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[3], "w").close()
time.sleep(float(sys.argv[2]))' "$db" "$1" "$WORK/held" &
    fi
    holder=$!
    for _ in $(seq 600); do
        [ -e "$WORK/held" ] && return 0
        sleep 0.1
    done
    fail "the other writer did not get the lock within 60 s"
}

release_write_lock() {
    if [ "$ENGINE" = postgresql ]; then
        sql "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 't0150_holder'" >/dev/null
    else
        kill "$holder"
    fi
    wait "$holder" || true
}

# 1. Four imports of the same list at once: one inserts, three find everyone unchanged.
db=$(new_db)
people_csv "$WORK/same.csv" 0 3000
for i in 1 2 3 4; do
    "$BANGFU" --db "$db" import people "$WORK/same.csv" >"$WORK/same$i.out" 2>"$WORK/same$i.err" &
    eval "pid$i=\$!"
done
for i in 1 2 3 4; do
    eval "wait \$pid$i" || fail "import $i of the same list failed: $(cat "$WORK/same$i.err")"
done
cat "$WORK"/same?.out | sort >"$WORK/same.outs"
expect_eq "$(cat "$WORK/same.outs")" '{"rows":3000,"inserted":0,"updated":0,"unchanged":3000,"rejected":0}
{"rows":3000,"inserted":0,"updated":0,"unchanged":3000,"rejected":0}
{"rows":3000,"inserted":0,"updated":0,"unchanged":3000,"rejected":0}
{"rows":3000,"inserted":3000,"updated":0,"unchanged":0,"rejected":0}' "counts of four imports of the same list"
expect_eq "$(sql "SELECT COUNT(*) FROM people")" 3000 "people after four imports of the same list"
expect_eq "$(sql "SELECT COUNT(*), MIN(id), MAX(id), SUM(inserted), SUM(unchanged) FROM batches" | tr '|' ' ')" \
    "4 1 4 3000 9000" "four batches, ids 1..4"

# 2. Four different lists at once: every one inserted, each in its own batch.
for i in 1 2 3 4; do
    people_csv "$WORK/part$i.csv" $((10000 + i * 2000)) 2000
done
for i in 1 2 3 4; do
    "$BANGFU" --db "$db" import people "$WORK/part$i.csv" >"$WORK/part$i.out" 2>"$WORK/part$i.err" &
    eval "pid$i=\$!"
done
for i in 1 2 3 4; do
    eval "wait \$pid$i" || fail "import of part $i failed: $(cat "$WORK/part$i.err")"
    expect_eq "$(cat "$WORK/part$i.out")" '{"rows":2000,"inserted":2000,"updated":0,"unchanged":0,"rejected":0}' "part $i"
done
expect_eq "$(sql "SELECT COUNT(*) FROM people")" 11000 "people after four different lists"
expect_eq "$(sql "SELECT COUNT(DISTINCT created_batch) FROM people WHERE created_batch > 4")" 4 "one batch per list"

# 3. Another writer holds the lock: --wait 0 fails at once, --wait 0.5 after it,
#    saying so; without --wait the import waits for it and succeeds.
people_csv "$WORK/late.csv" 30000 10
hold_write_lock 600
if out=$(LANG=C.UTF-8 bf --db "$db" import people "$WORK/late.csv" --wait 0 2>&1); then
    fail "--wait 0 while another import runs succeeded: $out"
fi
expect_contains "$out" "another import is writing to this database; not waiting" "--wait 0 says why"
if out=$(LANG=C.UTF-8 bf --db "$db" import people "$WORK/late.csv" --wait 0.5 2>&1); then
    fail "--wait 0.5 while another import runs succeeded: $out"
fi
expect_contains "$out" "after 0.5 s of waiting" "--wait 0.5 says how long it waited"
LANG=C.UTF-8 "$BANGFU" --db "$db" import people "$WORK/late.csv" >"$WORK/late.out" 2>"$WORK/late.err" &
late=$!
for _ in $(seq 600); do
    grep -q "waiting for it to end" "$WORK/late.err" && break
    sleep 0.1
done
expect_contains "$(cat "$WORK/late.err")" "waiting for it to end" "the waiting import says why it waits"
kill -0 "$late" 2>/dev/null || fail "the import did not wait: $(cat "$WORK/late.out")"
release_write_lock
wait "$late" || fail "the waiting import failed once the other ended: $(cat "$WORK/late.err")"
expect_contains "$(cat "$WORK/late.out")" '"inserted":10' "the waiting import succeeds once the other ends"
if bf --db "$db" import people "$WORK/late.csv" --wait x >/dev/null 2>&1; then
    fail "--wait x accepted"
fi

# 4. Readers do not wait for a large import into an empty registry (the bulk
#    path: no DDL on people inside its transaction where readers would wait),
#    neither while it writes rows nor while it builds the indexes of people
#    at its end (a reader preparing a write to people waited for those).
#    The import is stopped (SIGSTOP) at each of these steps, its transaction
#    open, so the readers meet it mid-transaction however fast the machine
#    is; a reader that waits is killed by timeout and fails.
db=$(new_db)
people_csv "$WORK/big.csv" 100000 150000
"$BANGFU" --db "$db" import people "$WORK/big.csv" --progress json >"$WORK/big.out" 2>"$WORK/big.err" &
importer=$!

# read_during_import STEP: once the import's progress shows STEP, stops it and
# reads; 1 when the import had already begun to commit (nothing checked).
read_during_import() {
    for _ in $(seq 1200); do
        grep -Eq "$1" "$WORK/big.err" && break
        kill -0 "$importer" 2>/dev/null || break
        sleep 0.02
    done
    kill -STOP "$importer" 2>/dev/null || fail "the import ended before it could be stopped at $1: $(cat "$WORK/big.err")"
    if grep -q '"step":"committing"' "$WORK/big.err"; then
        kill -CONT "$importer"
        return 1
    fi
    # (the person is not there yet: show fails, but at once)
    shown=0
    timeout 30 "$BANGFU" --db "$db" person show "$(sed -n 2p "$WORK/big.csv" | cut -d, -f2)" >/dev/null 2>&1 || shown=$?
    status=$(timeout 30 "$BANGFU" --db "$db" status 2>&1) || status="waited or failed: $status"
    kill -CONT "$importer"
    [ "$shown" != 124 ] || fail "person show waited for the import to end (stopped at $1)"
    expect_contains "$status" "0" "status during an import (stopped at $1)"
    case "$status" in "waited or failed"*) fail "status during an import (stopped at $1): $status" ;; esac
}
read_during_import '"step":"reading","done":[0-9]{5}' || fail "the import was stopped after it began to commit"
read_during_import '"step":"indexing"' || echo "(the import was past its indexes when stopped: not checked this time)"
wait "$importer" || fail "the large import failed: $(cat "$WORK/big.err")"
expect_contains "$(cat "$WORK/big.out")" '"inserted":150000' "the stopped import commits once continued"
echo ok
