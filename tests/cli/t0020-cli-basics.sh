#!/bin/sh
# The command line itself: --help of every command, --version, global options
# after the subcommand, reading commands that create nothing and refuse a
# missing or half-initialised database, passwords never shown, a reader
# without write access to the directory, the first error of a full disk kept.
. "$(dirname "$0")/lib.sh"
db=$(new_db)
src=$(cd "$(dirname "$0")/../../src/cli" && pwd)
cd "$WORK"

out=$(bf --version)
expect_contains "$out" "bangfu" "--version"

# every command of the usage list answers --help (both languages), runs nothing, creates nothing,
# and every option its source takes is in its --help, in both languages.  No database is
# opened: on SQLite only (about 110 commands run).
if [ "$ENGINE" = sqlite ]; then
    commands=$(bf --help | sed -n 's/^  bangfu \([a-z]*\).*/\1/p' | sort -u)
    [ "$(echo "$commands" | wc -l)" -ge 10 ] || fail "usage lists the commands: $commands"
    for c in $commands; do
        help_en=$(LANG=C bf "$c" --help) || fail "$c --help exits 0"
        expect_contains "$help_en" "usage: bangfu [--db TARGET] $c" "$c --help"
        help_zh=$(LANG=zh_CN.UTF-8 bf "$c" -h) || fail "$c -h exits 0"
        expect_contains "$help_zh" "用法" "$c -h in Chinese"
        out=$(bf help "$c") || fail "help $c exits 0"
        expect_contains "$out" "$c" "help $c"
        file=$(grep -l "^int cmd_$c(" "$src"/cmd_*.c) || fail "no source of $c"
        for option in $(grep -o '"--[a-z][a-z-]*"' "$file" | tr -d '"' | sort -u); do
            echo "$help_en" | grep -q -- "^ *$option\b" || fail "$c --help (English) lacks $option"
            echo "$help_zh" | grep -q -- "^ *$option\b" || fail "$c --help (Chinese) lacks $option"
        done
    done
fi
out=$(bf calc --help --policies /nonexistent)
expect_contains "$out" "SITUATION.json" "calc --help never opens a policy file"
[ ! -e bangfu.db ] || fail "--help created ./bangfu.db"

# global options after the subcommand
out=$(bf region show 370811 --db "$db")
expect_contains "$out" "任城区" "--db after the subcommand"
out=$(bf region --db="$db" show 370811)
expect_contains "$out" "任城区" "--db= between the arguments"

# no policy files is an error, never a total of 0.00
mkdir -p no-policies
echo '{}' >situation.json
LANG=C bf calc situation.json --policies no-policies >out.txt 2>err.txt && fail "calc without policy files"
expect_contains "$(cat err.txt)" "no policy files" "calc without policy files"
[ ! -s out.txt ] || fail "calc without policy files printed $(cat out.txt)"

# export never overwrites a file without --force
bf --db "$db" export people --out export.csv 2>/dev/null
echo keep >export.csv
LANG=C bf --db "$db" export people --out export.csv 2>err.txt && fail "export overwrote a file"
expect_contains "$(cat err.txt)" "--force" "export over a file"
expect_eq "$(cat export.csv)" keep "the file is untouched"
bf --db "$db" export people --out export.csv --force 2>/dev/null
expect_contains "$(head -1 export.csv)" "证件号码" "export --force replaced the file"

# a reading command on a database that is not there: nothing created, told to run init
if [ "$ENGINE" = sqlite ]; then
    for c in status "region show 37" "person show 110101199003070014" "export people"; do
        # shellcheck disable=SC2086
        if LANG=C bf --db "$WORK/typo.db" $c >out.txt 2>err.txt; then fail "$c on a missing database"; fi
        expect_contains "$(cat err.txt)" "run bangfu init" "$c on a missing database"
        [ ! -e "$WORK/typo.db" ] || fail "$c created $WORK/typo.db"
    done
    LANG=zh_CN.UTF-8 bf --db "$WORK/typo.db" status 2>err.txt && fail "status on a missing database"
    expect_contains "$(cat err.txt)" "请先运行 bangfu init" "in Chinese"
    # an init that failed half-way: schema there, no region table
    LANG=C bf --db "$WORK/half.db" init --regions "$WORK/no-such-dir" 2>/dev/null &&
        fail "init without region data"
    LANG=C bf --db "$WORK/half.db" region show 370811 2>err.txt && fail "region show after a failed init"
    expect_contains "$(cat err.txt)" "did not finish" "region show after a failed init"
    LANG=zh_CN.UTF-8 bf --db "$WORK/half.db" status 2>err.txt && fail "status after a failed init"
    expect_contains "$(cat err.txt)" "初始化没有完成" "in Chinese"
else
    name=$(basename "$db")_empty
    psql -q "${PG_ADMIN_URL_BASE}postgres" -c "CREATE DATABASE $name" >/dev/null
    echo "$name" >>"$WORK/.databases"
    LANG=C bf --db "${PG_URL_BASE}$name" status 2>err.txt && fail "status on an empty database"
    expect_contains "$(cat err.txt)" "run bangfu init" "status on an empty database"
    tables=$(psql -qAt "${PG_URL_BASE}$name" -c "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'")
    expect_eq "$tables" 0 "status created nothing"
    # a password in the URL (the test server trusts loopback and ignores it) is never shown
    secret=$(echo "$db" | sed 's|^\(postgresql://[^@:/]*\)@|\1:Hunter2Secret@|')
    expect_contains "$secret" "Hunter2Secret" "the URL holds the password"
    out=$(bf --db "$secret" status 2>&1; bf --db "$secret" status --json 2>&1; bf --db "$secret" init 2>&1;
        bf --db "$secret" region show 99 2>&1 || true)
    expect_contains "$out" ":***@" "the password is masked"
    case "$out" in *Hunter2Secret*) fail "the password is shown: $out" ;; esac
fi

# a failure while reading the schema version is said as it is, never "run bangfu init" on a
# database that was initialised (the first store call and the first allocation fail)
for fault in BANGFU_FAULT_STORE_CALL=1 BANGFU_FAULT_ALLOC=1; do
    LANG=zh_CN.UTF-8 env "$fault" "$BANGFU" --db "$db" status >/dev/null 2>err.txt &&
        fail "status under $fault"
    case "$(cat err.txt)" in *"bangfu init"*) fail "$fault read as no database: $(cat err.txt)" ;; esac
done
# every allocation of a reading command failed in turn: said in Chinese, as 内存不足, whichever
# layer it hit (PostgreSQL's statements kept an English or a stale engine message)
n=1
while ! LANG=zh_CN.UTF-8 BANGFU_FAULT_ALLOC=$n "$BANGFU" --db "$db" region show 37 >/dev/null 2>err.txt; do
    expect_contains "$(cat err.txt)" "内存不足" "region show, allocation $n"
    case "$(cat err.txt)" in *"out of memory"* | *占位符*) fail "allocation $n: $(cat err.txt)" ;; esac
    n=$((n + 1))
    [ "$n" -le 100 ] || fail "region show never succeeds under allocation faults"
done

# sqlite: a user who may read the database but not write its directory
if [ "$ENGINE" = sqlite ] && [ "$(id -u)" = 0 ] && command -v runuser >/dev/null; then
    ro=$(mktemp -d /tmp/bangfu-t0020-XXXXXX)
    cp "$db" "$ro/county.db"
    chmod 755 "$ro"
    chmod 644 "$ro/county.db"
    sum=$(md5sum <"$ro/county.db")
    out=$(runuser -u nobody -- "$BANGFU" --db "$ro/county.db" region show 370811)
    expect_contains "$out" "任城区" "nobody reads a database in a directory it cannot write"
    out=$(LANG=C runuser -u nobody -- "$BANGFU" --db "$ro/county.db" status)
    expect_contains "$out" "regions: " "nobody runs status"
    expect_eq "$(md5sum <"$ro/county.db")" "$sum" "reading changed nothing"
    expect_eq "$(ls "$ro")" "county.db" "reading created nothing"
    rm -rf "$ro"
fi

# sqlite: init on a full disk says the disk is full, not what the rollback said after
if [ "$ENGINE" = sqlite ] && [ "$(id -u)" = 0 ]; then
    full=$(mktemp -d /tmp/bangfu-t0020-full-XXXXXX)
    if mount -t tmpfs -o size=30m tmpfs "$full" 2>/dev/null; then
        LANG=C bf --db "$full/county.db" init 2>err.txt && { umount "$full"; fail "init on a full disk"; }
        umount "$full"
        expect_contains "$(cat err.txt)" "disk is full" "init on a full disk"
        case "$(cat err.txt)" in *rollback*) fail "the rollback's message hides the cause" ;; esac
    else
        echo "skipped: cannot mount a tmpfs"
    fi
    rmdir "$full"
fi
echo ok
