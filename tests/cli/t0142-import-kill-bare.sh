#!/bin/sh
# An import into an empty PostgreSQL registry takes the primary key and the two
# indexes of people off in a short transaction of its own and builds them at
# its end (import_people.c, import_take_keys_off).  Killed in between, it
# leaves the empty table bare: the test stops an import exactly there (a
# session holding a lock on batches, which the import writes next), kills it,
# and checks that every command works on the bare table, that `bangfu init`
# puts the key and indexes back, and that so does the next import when it
# finds the table bare.  SQLite keeps its key: the same commands after an
# import killed while it waits for the database's write lock.
. "$(dirname "$0")/lib.sh"
cd "$WORK"
bf --db "$(new_db)" generate facts --count 300 --seed 11 --dir facts >/dev/null

# The primary key and the secondary indexes of people.
count_indexes() {
    if [ "$ENGINE" = postgresql ]; then
        sql "SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'people'"
    else
        sql "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'people'"
    fi
}

# wait_for SQL: polls until the query on $db answers 1 (30 s at most).
wait_for() {
    tries=0
    until [ "$(sql "$1")" = 1 ]; do
        tries=$((tries + 1))
        [ "$tries" -lt 300 ] || fail "timed out waiting for: $1"
        sleep 0.1
    done
}

# kill_bare: starts an import of facts/people.csv, stops it where the table is bare (PostgreSQL)
# or where it waits for the write lock (SQLite), kills it, and ends the blocking session.
kill_bare() {
    if [ "$ENGINE" = postgresql ]; then
        PGAPPNAME=t0142_hold psql -q "$db" -c "BEGIN; LOCK TABLE batches IN SHARE MODE;
            SELECT pg_sleep(120); COMMIT" >/dev/null 2>&1 &
        holder=$!
        wait_for "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = 't0142_hold'
            AND wait_event = 'PgSleep'"
    else
        rm -f locked
        python3 -c 'import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open("locked", "w").close()
time.sleep(120)' "$db" &
        holder=$!
        tries=0
        until [ -f locked ]; do
            tries=$((tries + 1))
            [ "$tries" -lt 300 ] || fail "timed out waiting for the write lock"
            sleep 0.1
        done
    fi
    # The binary itself, not the bf function: $! must be the import's own pid.
    "$BANGFU" --db "$db" import people facts/people.csv >import.out 2>&1 &
    pid=$!
    if [ "$ENGINE" = postgresql ]; then
        # The import waits for the lock on batches: its short transaction has taken the keys off.
        wait_for "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'
            AND datname = current_database()"
        expect_eq "$(count_indexes)" 0 "indexes of people while the import waits"
    else
        tries=0
        until grep -q "waiting\|等待" import.out; do
            tries=$((tries + 1))
            [ "$tries" -lt 300 ] || fail "the import did not wait for the write lock"
            sleep 0.1
        done
    fi
    kill -9 "$pid"
    wait "$pid" 2>/dev/null || true
    if [ "$ENGINE" = postgresql ]; then
        sql "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname =
            current_database() AND pid <> pg_backend_pid()" >/dev/null
    else
        kill "$holder"
    fi
    wait "$holder" 2>/dev/null || true
    expect_eq "$(sql "SELECT COUNT(*) FROM people")" 0 "people after the kill"
}

db=$(new_db)
kill_bare
if [ "$ENGINE" = postgresql ]; then
    expect_eq "$(count_indexes)" 0 "indexes of people after the kill"
    expect_eq "$(sql "SELECT COUNT(*) FROM pg_constraint WHERE conname = 'people_key'")" 0 \
        "the key of people after the kill"
fi

# Every command on the table the kill left.
out=$(bf --db "$db" status) || fail "status: $out"
expect_contains "$out" "0" "status"
bf --db "$db" export people --out export.csv >/dev/null || fail "export"
expect_eq "$(wc -l <export.csv)" 1 "export: the header alone"
status=0
out=$(bf --db "$db" person show "$(sed -n '2s/^[^,]*,\([^,]*\),.*/\1/p' facts/people.csv)" 2>&1) ||
    status=$?
expect_eq "$status" 1 "person show of no one: exit 1"
status=0
out=$(bf --db "$db" calc --from 2020-01 --to 2020-12 2>&1) || status=$?
expect_eq "$status" 1 "calc over no one: exit 1"
expect_contains "$out" "数据库中没有人员" "calc over no one"
out=$(bf --db "$db" import orgs facts/orgs.csv) || fail "import orgs: $out"
expect_contains "$out" '"rejected":0}' "import orgs"
bf --db "$db" backup "$WORK/backup.out" >/dev/null 2>&1 || [ "$ENGINE" = postgresql ] ||
    fail "backup"

# bangfu init puts the key and indexes back (and says so); run again it has nothing to do.
out=$(bf --db "$db" init) || fail "init: $out"
if [ "$ENGINE" = postgresql ]; then
    expect_contains "$out" "人员表的主键和索引已重建" "init says it rebuilt the key"
    expect_eq "$(sql "SELECT COUNT(*) FROM pg_constraint WHERE conname = 'people_key'
        AND contype = 'p'")" 1 "the key of people after init"
fi
expect_eq "$(count_indexes)" 3 "indexes of people after init"
out=$(bf --db "$db" init) || fail "init again: $out"
case "$out" in *"人员表的主键"*) fail "init rebuilt the key twice" ;; esac

# Bare again: the next import builds them (the insert-only path), then looks people up.
kill_bare
out=$(bf --db "$db" import people facts/people.csv) || fail "import after the kill: $out"
expect_contains "$out" '"inserted":300,' "import after the kill"
expect_eq "$(count_indexes)" 3 "indexes of people after the import"
out=$(bf --db "$db" import people facts/people.csv) || fail "import again: $out"
expect_contains "$out" '"unchanged":300,' "the same list again"
for kind in jobs trainings; do
    out=$(bf --db "$db" import "$kind" "facts/$kind.csv") || fail "import $kind: $out"
done
bf --db "$db" calc --from 2020-01 --to 2020-12 >calc.json || fail "calc after the import"
expect_eq "$(count_dangling)" 0 "people or history without their batch, person or region"
echo ok
