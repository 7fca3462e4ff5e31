#!/bin/sh
# The web UI in a real browser: Debian's chromium driven by playwright-core
# (tests/cli/browser_ui.js) logs in (a wrong password first), searches,
# opens a person, has an edit refused with its Chinese message, saves one,
# shows the full ID number and logs out, at desktop and at phone width; at
# phone width a clerk runs the ledger, imports a file with a row in error
# (downloading the error file) and runs the calculator, and a reviewer
# approves the run, downloads a report and opens the dashboard, and the clerk sets a local
# parameter and records a carrier decision; with
# no console error (a CSP violation would be one).  Screenshots are kept in
# build/screenshots/.  Skipped, saying why, without chromium or
# playwright-core (scripts/setup.sh installs both).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web_lib.sh"
browser_or_skip
data="$checkout/tests/data"
db=$(new_db)
cp "$data/people_basic.csv" "$WORK/basic.csv"
bf --db "$db" import people "$WORK/basic.csv" >/dev/null
pw='Gongzuo-2024!'
echo "$pw" | bf --db "$db" user add jining --name 济宁经办 --region 3708 --roles 经办员
# The pages beyond people: the people of 万州 with their facts (ledger lines), a clerk and a
# reviewer of the county.
bf --db "$db" generate people --count 40 --seed 7 --region 500101 --out "$WORK/wanzhou.csv" >/dev/null
bf --db "$db" import people "$WORK/wanzhou.csv" >/dev/null
sql "SELECT id_number FROM people WHERE hukou_region LIKE '500101%' ORDER BY id_number" |
    python3 "$checkout/tests/cli/facts_sql.py" 5 >"$WORK/facts.sql"
sql_file "$db" "$WORK/facts.sql"
bf --db "$db" compare insurance --date 2020-06-30 >/dev/null
echo "$pw" | bf --db "$db" user add clerk --name 万州经办 --region 500101 --roles 经办员
echo "$pw" | bf --db "$db" user add reviewer --name 万州审核 --region 500101 --roles 审核员
serve_start
CHROMIUM=$chromium node "$checkout/tests/cli/browser_ui.js" "$url" "$checkout" "$shots" "$pw"
# At phone width: the ledger run by a clerk, approved by a reviewer.
# The person the calculator explains: the first with a job.
calc_name=$(sql "SELECT p.name FROM people p JOIN jobs j ON j.id_number = p.id_number ORDER BY
                 p.id_number LIMIT 1")
# Once, on SQLite: the pages' API runs on both engines in t1140 and t1145 (the time budget).
pages=""
if [ "$ENGINE" = sqlite ]; then
    CHROMIUM=$chromium node "$checkout/tests/cli/browser_pages.js" "$url" "$checkout" "$shots" \
        "$pw" 375 phone "$calc_name"
    pages="phone-pages-1-ledger-run phone-pages-2-import phone-pages-3-calc
        phone-pages-4-ledger-approved phone-pages-5-report phone-pages-6-dashboard
        phone-pages-7-params phone-pages-8-orgs phone-pages-9-compare phone-pages-10-projects"
fi
serve_stop
for f in desktop-1-search desktop-2-person desktop-3-refused desktop-4-saved phone-2-person \
    $pages; do
    [ -s "$shots/$f.png" ] || fail "screenshot $f missing"
done
expect_eq "$(sql "SELECT employment_status FROM people WHERE id_number = '370811200002290033'")" \
    "已就业" "the phone's edit stored"
expect_eq "$(sql "SELECT COUNT(*) FROM audit_log WHERE actor = 'jining' AND action = 'view_full'")" \
    2 "the full views audited"
echo ok
