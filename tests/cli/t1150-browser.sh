#!/bin/sh
# The web UI in a real browser: Debian's chromium driven by playwright-core
# (tests/cli/browser_ui.js) logs in (a wrong password first), searches,
# opens a person, has an edit refused with its Chinese message, saves one,
# shows the full ID number and logs out, at desktop and at phone width, with
# no console error (a CSP violation would be one).  Screenshots are kept in
# build/screenshots/.  Skipped, saying why, without chromium or
# playwright-core (scripts/setup.sh installs both).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web_lib.sh"
checkout="$(cd "$(dirname "$0")/../.." && pwd)"
data="$checkout/tests/data"
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
    echo "skipped: no chromium at $chromium (apt-get install chromium, or scripts/setup.sh)"
    exit 0
fi
if [ ! -d "$checkout/node_modules/playwright-core" ] || ! command -v node >/dev/null; then
    echo "skipped: node or node_modules/playwright-core missing (run scripts/setup.sh)"
    exit 0
fi
db=$(new_db)
cp "$data/people_basic.csv" "$WORK/basic.csv"
bf --db "$db" import people "$WORK/basic.csv" >/dev/null
pw='Gongzuo-2024!'
echo "$pw" | bf --db "$db" user add jining --name 济宁经办 --region 3708 --roles 经办员
serve_start
shots="$checkout/build/screenshots/$ENGINE"
mkdir -p "$shots"
CHROMIUM=$chromium node "$checkout/tests/cli/browser_ui.js" "$url" "$checkout" "$shots" "$pw"
serve_stop
for f in desktop-1-search desktop-2-person desktop-3-refused desktop-4-saved phone-2-person; do
    [ -s "$shots/$f.png" ] || fail "screenshot $f missing"
done
expect_eq "$(sql "SELECT employment_status FROM people WHERE id_number = '370811200002290033'")" \
    "已就业" "the phone's edit stored"
expect_eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE actor = 'jining' AND action = 'view_full'")" \
    2 "the full views audited"
echo ok
