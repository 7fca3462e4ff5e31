#!/bin/sh
# t0900-ledger-run.sh - `bangfu ledger run` (issue 15 items 1-2): the lines of a month equal
# the stored-facts calc's money entitlements of that month (evaluated from the first month a
# benefit is valid), with clause, payee, person, funding as the policy file names it and state
# 待审核; a rerun and two runs at once (two processes) write nothing twice, and the storage
# refuses a second line of a key; review (one by one, in bulk, four eyes: the one who ran the
# month cannot approve); corrected facts append 调减 / 追回 lines beside approved and pending
# ones, never changing a line; a benefit needing an application (申领) pays only applicants and
# lists the others; refusals with their exit status, in Chinese and English.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$(cd "$(dirname "$0")" && pwd)
policies="$root/policies"
cd "$WORK"

db=$(new_db)
bf --db "$db" generate people --count 150 --seed 7 --region 500101 --out people.csv >/dev/null
bf --db "$db" import people people.csv >/dev/null
sql "SELECT id_number FROM people ORDER BY id_number" | python3 "$here/facts_sql.py" 5 >facts.sql
sql_file "$db" facts.sql
bf --db "$db" param set min_wage --region 370800 --from 2020-01-01 --value 1730 \
    --policies "$policies" >/dev/null

# A run: the month's lines equal calc's month, from the first month a benefit is valid.
out=$(bf --db "$db" ledger run --month 2020-05 --by 张三 --policies "$policies")
due=$(json_get "$out" due)
[ "$due" -ge 5 ] || fail "too few lines: $out"
bf --db "$db" ledger list --month 2020-05 >may.csv
bf --db "$db" calc --from 2018-11 --to 2020-05 --policies "$policies" >calc.json
python3 "$here/ledger_check.py" sums may.csv calc.json 2020-05 "$policies" >/dev/null ||
    fail "ledger lines differ from calc"
python3 - may.csv <<'PY' || fail "line fields"
import csv, re, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
for r in rows:
    assert r["状态"] == "待审核" and r["类别"] == "应发" and r["序号"] == "0", r
    assert re.fullmatch(r"\d{17}[\dX]|[0-9A-Z]{18}", r["收款人"]), r
    assert r["条款"] and r["文件"] and int(r["金额（分）"]) > 0, r
    assert "%.2f" % (int(r["金额（分）"]) / 100) == r["金额"], r
# funding as the document names it (济人社字〔2020〕47号 四(一), 四(二))
assert any(r["资金来源"] == "济宁市援助资金" for r in rows), rows
assert all(r["资金来源"] in ("济宁市援助资金", "济宁市就业补助资金", "未载明")
           for r in rows if r["文件"] == "济人社字〔2020〕47号"), rows
assert any(r["待遇"] == "jining47.transport_meal" and r["资金来源"] == "济宁市援助资金"
           for r in rows)
PY

# A rerun writes nothing; the storage refuses a second line of a key on either engine.
out=$(bf --db "$db" ledger run --month 2020-05 --by 张三 --policies "$policies")
expect_eq "$(json_get "$out" due)" 0 "rerun: new lines"
expect_eq "$(json_get "$out" unchanged)" "$due" "rerun: unchanged keys"
expect_eq "$(sql "SELECT COUNT(*) FROM ledger_lines WHERE month = '2020-05'")" "$due" "rerun lines"
sql "INSERT INTO ledger_lines SELECT id + 1000000, benefit, payee, person, month, seq, kind,
     clause, document, payee_kind, region, amount_fen, funding, run_id, state FROM ledger_lines
     WHERE id = 1" 2>/dev/null && fail "a second line of a key was stored"

# Two runs at once, two processes: one after the other, no line twice.
bf --db "$db" ledger run --month 2020-06 --by 张三 --policies "$policies" >one.json &
first=$!
bf --db "$db" ledger run --month 2020-06 --by 李四 --policies "$policies" >two.json
wait "$first"
written=$(($(json_get "$(cat one.json)" due) + $(json_get "$(cat two.json)" due)))
[ "$written" -gt 0 ] || fail "concurrent runs wrote nothing"
expect_eq "$(sql "SELECT COUNT(*) FROM ledger_lines WHERE month = '2020-06'")" "$written" \
    "concurrent runs: lines"
expect_eq "$(sql "SELECT COUNT(*) FROM ledger_lines WHERE month = '2020-06' AND seq > 0")" 0 \
    "concurrent runs: adjustments"
bf --db "$db" ledger list --month 2020-06 >june.csv
python3 "$here/ledger_check.py" sums june.csv calc.json 2020-06 "$policies" >/dev/null &&
    fail "calc to 2020-05 should not cover June"
bf --db "$db" calc --from 2018-11 --to 2020-06 --policies "$policies" >calc6.json
python3 "$here/ledger_check.py" sums june.csv calc6.json 2020-06 "$policies" >/dev/null ||
    fail "concurrent runs: lines differ from calc"

# Review: four eyes, one by one and in bulk, with reviewer and reason.
status=0
out=$(bf --db "$db" ledger approve --month 2020-05 --reviewer 张三 --reason 已核 2>&1) || status=$?
expect_eq "$status" 1 "the runner approving: exit 1"
expect_contains "$out" "不能由同一人审核（双人复核）" "four eyes"
expect_eq "$(sql "SELECT COUNT(*) FROM ledger_lines WHERE state <> '待审核'")" 0 \
    "four eyes: nothing approved"
out=$(LANG=C bf --db "$db" ledger approve --line 1 --reviewer 张三 --reason ok 2>&1) || true
expect_contains "$out" "who may not approve it (four eyes)" "four eyes (en)"
first_id=$(sql "SELECT MIN(id) FROM ledger_lines WHERE month = '2020-05'")
out=$(bf --db "$db" ledger reject --line "$first_id" --reviewer 王五 --reason 材料不全)
expect_eq "$(json_get "$out" reviewed)" 1 "reject one"
status=0
bf --db "$db" ledger approve --line "$first_id" --reviewer 王五 --reason 改判 2>/dev/null ||
    status=$?
expect_eq "$status" 1 "approving a rejected line: exit 1"
out=$(bf --db "$db" ledger approve --month 2020-05 --reviewer 王五 --reason 核实无误)
expect_eq "$(json_get "$out" reviewed)" $((due - 1)) "bulk approve"
expect_eq "$(sql "SELECT COUNT(*) FROM ledger_reviews r JOIN ledger_lines l ON l.id = r.line_id
                  WHERE l.month = '2020-05' AND r.reviewer = '王五' AND r.reason <> ''")" "$due" \
    "reviews recorded"

# Corrected facts: the jobs of two people removed.  Their approved lines get 追回 beside them,
# the June lines (pending) 调减; nothing written before changes; each key sums to calc.
bf --db "$db" ledger list --month 2020-05 >may_before.csv
bf --db "$db" ledger list --month 2020-06 >june_before.csv
gone=$(sql "SELECT person FROM ledger_lines WHERE month = '2020-05' AND state = '已审核'
            AND person <> '' ORDER BY id LIMIT 1")
gone2=$(sql "SELECT person FROM ledger_lines WHERE month = '2020-06' AND person <> ''
             AND person <> '$gone' ORDER BY id LIMIT 1")
sql "DELETE FROM jobs WHERE id_number IN ('$gone', '$gone2')"
out=$(bf --db "$db" ledger run --month 2020-05 --by 李四 --policies "$policies")
[ "$(json_get "$out" recoveries)" -ge 1 ] || fail "no 追回: $out"
out=$(bf --db "$db" ledger run --month 2020-06 --by 李四 --policies "$policies")
[ "$(json_get "$out" less)" -ge 1 ] || fail "no 调减: $out"
bf --db "$db" ledger list --month 2020-05 >may_after.csv
bf --db "$db" ledger list --month 2020-06 >june_after.csv
python3 "$here/ledger_check.py" kept may_before.csv may_after.csv || fail "a May line changed"
python3 "$here/ledger_check.py" kept june_before.csv june_after.csv || fail "a June line changed"
bf --db "$db" calc --from 2018-11 --to 2020-06 --policies "$policies" >calc6b.json
python3 "$here/ledger_check.py" sums may_after.csv calc6b.json 2020-05 "$policies" >/dev/null ||
    fail "after the correction May differs from calc"
python3 "$here/ledger_check.py" sums june_after.csv calc6b.json 2020-06 "$policies" >/dev/null ||
    fail "after the correction June differs from calc"
expect_eq "$(sql "SELECT COUNT(*) FROM ledger_lines WHERE person = '$gone' AND month = '2020-05'
                  AND kind = '追回' AND seq = 1 AND amount_fen < 0 AND state = '待审核'")" \
    "$(sql "SELECT COUNT(*) FROM ledger_lines WHERE person = '$gone' AND month = '2020-05'
            AND state = '已审核'")" "追回 beside each approved line"
python3 "$here/ledger_check.py" keys may_after.csv || fail "duplicate keys"

# A benefit needing an application (申领): only applicants are paid, the others listed.
mkdir applied
cp "$policies"/*.lua applied/
python3 - applied/jining_2020_47.lua <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
at = text.index('id     = "jining47.transport_meal"')
end = text.index("\n}", at)
text = text[:end] + '\n    application = { clause = "四(一)1" },' + text[end:]
open(path, "w", encoding="utf-8").write(text)
PY
apply_db=$(new_db)
bf --db "$apply_db" import people people.csv >/dev/null
sql_file "$apply_db" facts.sql
out=$(bf --db "$apply_db" ledger run --month 2020-05 --by 张三 --policies applied)
held=$(json_get "$out" unapplied)
[ "$held" -ge 1 ] || fail "nobody unapplied: $out"
bf --db "$apply_db" ledger unapplied --month 2020-05 >unapplied.csv
expect_eq "$(($(wc -l <unapplied.csv) - 1))" "$held" "unapplied listed"
applicant=$(sed -n 2p unapplied.csv | cut -d, -f5)
bf --db "$apply_db" ledger list --month 2020-05 | grep -q "transport_meal" &&
    fail "an unapplied benefit was written"
out=$(bf --db "$apply_db" ledger apply --benefit jining47.transport_meal --applicant "$applicant" \
    --on 2020-05-20 --documents 身份证、劳动合同 --by 赵六 --policies applied)
expect_eq "$(json_get "$out" recorded)" true "application recorded"
out=$(bf --db "$apply_db" ledger apply --benefit jining47.transport_meal --applicant "$applicant" \
    --on 2020-05-20 --documents 身份证、劳动合同 --by 赵六 --policies applied)
expect_eq "$(json_get "$out" recorded)" false "the same application again"
status=0
out=$(bf --db "$apply_db" ledger apply --benefit jining47.cross_province --applicant "$applicant" \
    --on 2020-05-20 --documents x --by 赵六 --policies applied 2>&1) || status=$?
expect_eq "$status" 2 "applying for a benefit paid directly: exit 2"
expect_contains "$out" "无需申领" "applying for a benefit paid directly"
out=$(bf --db "$apply_db" ledger run --month 2020-05 --by 张三 --policies applied)
expect_eq "$(json_get "$out" due)" 1 "the applicant's line"
expect_eq "$(json_get "$out" unapplied)" $((held - 1)) "the others still unapplied"
bf --db "$apply_db" ledger list --month 2020-05 | grep "transport_meal" | grep -q "$applicant" ||
    fail "the applicant is not paid"

# Refusals.
status=0
out=$(bf --db "$db" ledger run --month 2020-13 --by 张三 2>&1) || status=$?
expect_eq "$status" 2 "bad month: exit 2"
expect_contains "$out" "--month 月份无效“2020-13”" "bad month"
status=0
out=$(LANG=C bf --db "$db" ledger run --month 2020-05 2>&1) || status=$?
expect_eq "$status" 2 "no --by: exit 2"
expect_contains "$out" "--by NAME is missing" "no --by"
status=0
out=$(bf --db "$db" ledger approve --month 2020-05 --reviewer 王五 2>&1) || status=$?
expect_eq "$status" 2 "no reason: exit 2"
expect_contains "$out" "需要审核意见" "no reason"
status=0
out=$(bf --db "$db" ledger approve --line 99999999 --reviewer 王五 --reason x 2>&1) || status=$?
expect_eq "$status" 1 "unknown line: exit 1"
expect_contains "$out" "台账中没有第 99999999 行" "unknown line"
status=0
bf --db "$WORK/missing.db" ledger list --month 2020-05 >/dev/null 2>&1 || status=$?
expect_eq "$status" 1 "no database: exit 1"
[ ! -e "$WORK/missing.db" ] || fail "ledger list created a database"
echo "t0900 ok"
