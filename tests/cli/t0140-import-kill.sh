#!/bin/sh
# kill -9 during a large import leaves the registry as before the run (no
# half-written import), the database consistent, and a rerun completes.
. "$(dirname "$0")/lib.sh"
db=$(new_db)
rows=200000
python3 - "$WORK/big.csv" "$rows" <<'PY'
import datetime, sys
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
C = "10X98765432"
out = open(sys.argv[1], "w", encoding="utf-8")
out.write("姓名,证件号码,户籍地区划代码,户编号,帮扶类别,联系电话\n")
start = datetime.date(1950, 1, 1)
for i in range(int(sys.argv[2])):
    area = ("370811", "500101")[i % 2]
    s17 = "%s%s%03d" % (area, (start + datetime.timedelta(days=(i % 10000) * 2)).strftime("%Y%m%d"), i // 10000)
    check = C[sum(int(a) * b for a, b in zip(s17, W)) % 11]
    out.write("人员%d,%s%s,%s,H%d,脱贫享受政策人口,138%08d\n" % (i, s17, check, area, i // 3, i))
PY

count_people() {
    if [ "$ENGINE" = postgresql ]; then
        psql -qAt "$db" -c "SELECT COUNT(*) FROM people"
    else
        sqlite3 "$db" "SELECT COUNT(*) FROM people"
    fi
}

# The indexes of people: the primary key and the two secondary ones.
count_indexes() {
    if [ "$ENGINE" = postgresql ]; then
        psql -qAt "$db" -c "SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'people'"
    else
        sqlite3 "$db" "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'people'"
    fi
}

# check_consistent BEFORE: after a kill, the people are BEFORE or BEFORE + rows,
# the indexes are all there (SQLite: or its two secondary ones left to the next import),
# every person and history row has its batch.
check_consistent() {
    n=$(count_people)
    [ "$n" = "$1" ] || [ "$n" = $(($1 + rows)) ] || fail "half-written import after kill -9: $n people"
    if [ "$ENGINE" = postgresql ] && [ "$n" = 0 ]; then
        # PostgreSQL takes the key and indexes of an empty people table off in a short
        # transaction of its own (readers never wait for the import) and builds them at the
        # end: a kill in between leaves the empty table bare, for the next import to build.
        case $(count_indexes) in 0 | 3) ;; *) fail "indexes of the empty people after kill -9: $(count_indexes)" ;; esac
    elif [ "$ENGINE" = sqlite ] && [ "$n" != "$1" ]; then
        # SQLite builds the secondary indexes after the import's commit, in a transaction of
        # their own: a kill in between leaves them to the next import.
        case $(count_indexes) in 1 | 3) ;; *) fail "indexes of people after kill -9: $(count_indexes)" ;; esac
    else
        expect_eq "$(count_indexes)" 3 "indexes of people after kill -9"
    fi
    if [ "$ENGINE" = sqlite ]; then
        expect_eq "$(sqlite3 "$db" 'PRAGMA integrity_check')" "ok" "integrity after kill"
    fi
    expect_eq "$(count_dangling)" 0 "people or history without their batch, person or region"
}

# kill_during BEFORE: starts the big import, kills it after a while, checks.
kill_during() {
    for delay in 0.3 0.6 1.0; do
        # The binary itself, not the bf function: $! must be the import's own pid.
        "$BANGFU" --db "$db" import people "$WORK/big.csv" >"$WORK/out" 2>/dev/null &
        pid=$!
        sleep "$delay"
        kill -9 "$pid" 2>/dev/null || echo "note: the import finished before it could be killed"
        wait "$pid" 2>/dev/null || true
        check_consistent "$1"
        echo "killed after ${delay}s: $n people"
        [ "$n" = "$1" ] || return 0
    done
}

# 1. Into an empty registry (the bulk path, secondary indexes rebuilt at the end).
kill_during 0
out=$(bf --db "$db" import people "$WORK/big.csv")
case "$out" in
*'"rows":200000,'*'"rejected":0}') ;;
*) fail "rerun after kill: $out" ;;
esac
expect_eq "$(count_people)" "$rows" "people after the rerun"
expect_eq "$(count_indexes)" 3 "indexes of people after a bulk import"
if [ "$ENGINE" = postgresql ]; then
    expect_eq "$(psql -qAt "$db" -c "SELECT COUNT(*) FROM pg_constraint WHERE conname = 'people_key' AND contype = 'p'")" 1 "the primary key of people after a bulk import"
fi
# A bare table (a killed bulk import) in which people were stored since: the next import
# puts the key and indexes back before it looks anyone up.  SQLite: the two secondary
# indexes of people committed by an import killed before it built them.
bare=$(new_db)
bf --db "$bare" import people "$WORK/big.csv" >/dev/null
db=$bare
if [ "$ENGINE" = postgresql ]; then
    psql -q "$bare" -c "ALTER TABLE people DROP CONSTRAINT people_key" -c "DROP INDEX people_household" -c "DROP INDEX people_hukou_region" 2>&1
    expect_eq "$(count_indexes)" 0 "indexes of the bare people"
else
    sqlite3 "$bare" "DROP INDEX people_household; DROP INDEX people_hukou_region"
    expect_eq "$(count_indexes)" 1 "indexes of the bare people"
fi
printf '姓名,证件号码,户籍地区划代码,帮扶类别\n张伟,37081119800101001X,370811,建档立卡贫困人口\n' >"$WORK/one.csv"
out=$(bf --db "$bare" import people "$WORK/one.csv")
expect_contains "$out" '"inserted":1,' "one more person into the bare people"
expect_eq "$(count_indexes)" 3 "indexes of people put back by the next import"

# 2. Into a registry that is not empty (look-ups, inserts and updates row by row).
db=$(new_db)
printf '姓名,证件号码,户籍地区划代码,帮扶类别\n张伟,37081119800101001X,370811,建档立卡贫困人口\n' >"$WORK/one.csv"
bf --db "$db" import people "$WORK/one.csv" >/dev/null
kill_during 1
out=$(bf --db "$db" import people "$WORK/big.csv")
case "$out" in
*'"rows":200000,'*'"rejected":0}') ;;
*) fail "rerun after kill: $out" ;;
esac
expect_eq "$(count_people)" $((rows + 1)) "people after the rerun"
echo ok
