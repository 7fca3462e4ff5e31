#!/bin/sh
# Files that hold personal data: the error file goes to the current directory
# when the input's folder is read-only (and says so); --errors FILE is never
# deleted; error files, exports and new SQLite databases are 0600 whatever
# the umask; a symlink at the old predictable temporary name is not
# followed; cells that Excel would run as formulas are neutralised in error
# files and exports.
. "$(dirname "$0")/lib.sh"
db=$(new_db)
umask 000

# in_readonly_dir DIR COMMAND...: runs COMMAND while DIR cannot be written
# (root ignores permissions: a read-only bind mount in a private namespace,
# the working directory entered again so that it is seen through the mount).
in_readonly_dir() {
    _dir=$1
    shift
    if [ "$(id -u)" != 0 ]; then
        chmod a-w "$_dir"
        _rc=0
        "$@" || _rc=$?
        chmod u+w "$_dir"
        return $_rc
    fi
    unshare -m sh -c 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && cd "$PWD" && shift && exec "$@"' \
        sh "$_dir" "$@"
}

mode_of() { stat -c %a "$1"; }

mkdir -p "$WORK/in" "$WORK/here"
printf '姓名,证件号码,户籍地区划代码,帮扶类别\n张伟,37081119800101001X,370811,建档立卡贫困人口\n' >"$WORK/in/good.csv"
printf '姓名,证件号码,户籍地区划代码,帮扶类别\n张伟,37081119800101001X,370811,建档立卡贫困人口\n%s,12345,370811,建档立卡贫困人口\n' \
    "=cmd|' /C calc'!A0" >"$WORK/in/bad.csv"

# 1. Read-only input folder: the error file goes to the current directory, and the user is told.
if in_readonly_dir "$WORK/in" touch "$WORK/in/probe" 2>/dev/null; then
    echo "note: cannot make a read-only folder here; fallback not tested"
else
    out=$(cd "$WORK/here" && in_readonly_dir "$WORK/in" "$BANGFU" --db "$db" import people "$WORK/in/bad.csv" 2>"$WORK/stderr") ||
        fail "import from a read-only folder failed: $(cat "$WORK/stderr")"
    expect_eq "$out" '{"rows":2,"inserted":1,"updated":0,"unchanged":0,"rejected":1}' "read-only folder counts"
    [ -f "$WORK/here/bad.csv.errors.csv" ] || fail "no error file in the current directory: $(cat "$WORK/stderr")"
    expect_contains "$(cat "$WORK/stderr")" "bad.csv.errors.csv" "where the error file went"
    grep -Eq '当前目录|current directory' "$WORK/stderr" || fail "why it went there: $(cat "$WORK/stderr")"
    # Neither place writable: the message says to use --errors.
    if (cd "$WORK/in" && in_readonly_dir "$WORK/in" "$BANGFU" --db "$db" import people "$WORK/in/bad.csv" 2>"$WORK/stderr" >/dev/null); then
        fail "import without any writable place for its error file succeeded"
    fi
    expect_contains "$(cat "$WORK/stderr")" "--errors" "advice when no place can be written"
fi

# 2. The error file: mode 0600 under umask 000, the formula neutralised.
bf --db "$db" import people "$WORK/in/bad.csv" >/dev/null 2>&1
errors="$WORK/in/bad.csv.errors.csv"
expect_eq "$(mode_of "$errors")" 600 "mode of the error file"
expect_contains "$(cat "$errors")" "'=cmd|' /C calc'!A0,12345" "formula neutralised in the error file"

# 3. --errors FILE is never deleted when no row is rejected (a stale default one is).
echo "my notes" >"$WORK/notes.csv"
bf --db "$db" import people "$WORK/in/good.csv" --errors "$WORK/notes.csv" >/dev/null
expect_eq "$(cat "$WORK/notes.csv")" "my notes" "--errors FILE kept when nothing is rejected"
echo stale >"$WORK/in/good.csv.errors.csv"
bf --db "$db" import people "$WORK/in/good.csv" >/dev/null
[ ! -e "$WORK/in/good.csv.errors.csv" ] || fail "stale default error file left behind"

# A temporary of an import killed with kill -9 (a dead PID in its name) is removed by the next
# import of that file, even when it rejects nothing.
dead=$(sh -c 'echo $$')
echo "37081119800101001X" >"$WORK/in/good.csv.errors.csv.bangfu-$dead-abcdef.tmp"
bf --db "$db" import people "$WORK/in/good.csv" >/dev/null
[ ! -e "$WORK/in/good.csv.errors.csv.bangfu-$dead-abcdef.tmp" ] || fail "stale temporary of a killed import left"

# 4. Exports: 0600, never through a symlink at the old predictable name, formulas neutralised.
sql "UPDATE people SET name = '=cmd|'' /C calc''!A0', skills = '@SUM(1)' WHERE id_number = '37081119800101001X'" >/dev/null
echo secret >"$WORK/victim"
for ext in csv xlsx; do
    ln -s "$WORK/victim" "$WORK/out.$ext.tmp"
    bf --db "$db" export people --out "$WORK/out.$ext" 2>/dev/null
    expect_eq "$(cat "$WORK/victim")" secret "export .$ext wrote through a symlink"
    expect_eq "$(mode_of "$WORK/out.$ext")" 600 "mode of the .$ext export"
    [ -z "$(find "$WORK" -name "out.$ext.bangfu-*")" ] || fail "temporary left by the .$ext export"
done
expect_contains "$(cat "$WORK/out.csv")" "'=cmd|' /C calc'!A0,37081119800101001X" "formula neutralised in the CSV export"
expect_contains "$(cat "$WORK/out.csv")" ",'@SUM(1)," "@ neutralised in the CSV export"

# 5. A new SQLite database is 0600 under umask 000.
if [ "$ENGINE" = sqlite ]; then
    regions_of_cities "$WORK/regions" 3708
    "$BANGFU" --db "$WORK/new.db" init --regions "$WORK/regions" >/dev/null 2>&1
    expect_eq "$(mode_of "$WORK/new.db")" 600 "mode of a new database"
fi
echo ok
