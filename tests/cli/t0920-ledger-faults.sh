#!/bin/sh
# t0920-ledger-faults.sh - every store call, and every allocation, of every money command fails
# in turn (issue 15 item 5): with BANGFU_FAULT_STORE_CALL=n (src/store/store.c) the nth call
# that can fail does, and with BANGFU_FAULT_ALLOC=n (src/core/fault_alloc.h) the nth malloc,
# calloc, realloc or strdup of bangfu's code, for n = 1, 2, ... until the command succeeds;
# each failure exits 1 with a message, leaves every ledger and payment table as it was (nothing
# half-written) and no bank file or checksum; under the sanitizer pass of make test, also
# without a leak.  Then the command runs whole.  On PostgreSQL every third (n = 1, 4, 7, ...):
# each try is a connection to the server, and every call of the SQLite run is the same C path.
# Each fault on a database of its own.
. "$(dirname "$0")/lib.sh"
# LeakSanitizer on for every command here (scripts/test.sh leaves it to the tests of error paths)
[ -z "${ASAN_OPTIONS_LEAKS:-}" ] || export ASAN_OPTIONS="$ASAN_OPTIONS_LEAKS"
root=$(cd "$(dirname "$0")/../.." && pwd)
data="$root/tests/data"
policies="$data/ledger_policies"
cd "$WORK"

# fresh: a new database $db with the people and the bank and return files of its payee.
fresh() {
    db=$(new_db)
    bf --db "$db" import people "$data/people_basic.csv" >/dev/null
    person=$(sql "SELECT id_number FROM people ORDER BY id_number LIMIT 1")
    printf '证件号码,户名,银行账号,开户行\n%s,测试,6222020200001234567,工商银行\n' "$person" >bank.csv
    printf '银行账号,金额,结果,原因\n6222020200001234567,100.00,成功,\n' >return.csv
    rm -f bank_file.csv bank_file.csv.sha256
}

# Everything the ledger stores, in a fixed order: one client run for all the tables (a client
# per table made this test the suite's longest on PostgreSQL, where each fault is dumped).
dump_queries=""
for table in ledger_runs ledger_lines ledger_reviews ledger_applications ledger_unapplied \
    bank_accounts payment_batches payment_items payment_lines id_counters; do
    dump_queries="$dump_queries SELECT '== $table'; SELECT * FROM $table ORDER BY 1, 2;"
done
dump() {
    if [ "$ENGINE" = postgresql ]; then
        echo "$dump_queries" | psql -qAt -v ON_ERROR_STOP=1 "$db"
    else
        echo "$dump_queries" | sqlite3 -bail "$db"
    fi
}

total=0
# each STEP ARGS...: fails the nth $fault of `bangfu ARGS` for n = 1, 2, ... until it runs.
each() {
    step=$1
    shift
    n=1
    dump >before.txt
    while :; do
        status=0
        env "$fault=$n" "$BANGFU" --db "$db" "$@" >out.txt 2>err.txt || status=$?
        [ "$status" = 0 ] && break
        [ "$status" = 1 ] || fail "$fault, $step, $n: exit $status: $(cat err.txt)"
        [ -s err.txt ] || fail "$fault, $step, $n: no message"
        dump >after.txt
        cmp -s before.txt after.txt ||
            fail "$fault, $step, $n: half-written: $(diff before.txt after.txt | head -5)"
        [ "$step" != export-bank ] || { [ ! -e bank_file.csv ] && [ ! -e bank_file.csv.sha256 ]; } ||
            fail "$fault, $step, $n: a bank file was left"
        n=$((n + stride))
        [ "$n" -le 5000 ] || fail "$fault, $step never succeeds"
    done
    [ "$n" -ge 3 ] || fail "$fault, $step: only $n failed"
    total=$((total + (n - 1) / stride))
    echo "$fault $step: $(((n - 1) / stride)) faults"
}

for fault in BANGFU_FAULT_STORE_CALL BANGFU_FAULT_ALLOC; do
    stride=1
    [ "$ENGINE" = sqlite ] || stride=3
    # Under the sanitizers on PostgreSQL every sixth (lib.sh, SANITIZED): SQLite there still
    # fails every call and allocation, each checked for leaks.
    [ "$ENGINE" = sqlite ] || [ "$SANITIZED" = 0 ] || stride=6
    fresh
    each run ledger run --month 2020-01 --by 甲 --policies "$policies"
    expect_eq "$(sql "SELECT COUNT(*) FROM ledger_lines")" 5 "the run, once it succeeds"
    each approve ledger approve --month 2020-01 --reviewer 乙 --reason 核实
    each import-bank ledger import-bank bank.csv
    each batch ledger batch --month 2020-01 --by 丙 --policies "$policies"
    expect_eq "$(sql "SELECT COUNT(*) FROM payment_items")" 1 "the batch, once it succeeds"
    each approve-batch ledger approve-batch 1 --by 丁
    each export-bank ledger export-bank 1 --out bank_file.csv
    sha256sum -c bank_file.csv.sha256 >/dev/null || fail "the bank file after the faults"
    each import-return ledger import-return return.csv
    expect_eq "$(sql "SELECT COUNT(*) FROM ledger_lines WHERE state = '已支付'")" 1 "paid once"
done
# The message names the fault on the command that met it.
out=$(LANG=C BANGFU_FAULT_STORE_CALL=40 bf --db "$db" ledger run --month 2020-02 --by 甲 \
    --policies "$policies" 2>&1) || true
expect_contains "$out" "injected fault" "the fault's message"
out=$(LANG=C BANGFU_FAULT_ALLOC=20 bf --db "$db" ledger run --month 2020-02 --by 甲 \
    --policies "$policies" 2>&1) || true
expect_contains "$out" "out of memory" "an allocation's fault"
# Every third call and allocation on PostgreSQL (stride above): about 150 there, about 390
# on SQLite; every sixth under the sanitizers, about 75.
minimum=200
[ "$ENGINE" = sqlite ] || minimum=$((360 / stride))
[ "$total" -ge "$minimum" ] || fail "only $total faults injected"
echo "t0920 ok: $total faults injected"
