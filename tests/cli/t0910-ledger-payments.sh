#!/bin/sh
# t0910-ledger-payments.sh - bank details, batches, the bank file and the return (issue 15
# items 3-4): bank details imported with history, rows in error to the error file, accounts
# masked in every list; a batch pays each payee's approved lines once, payees without bank
# details reported and kept for later; the bank file (CSV and XLSX) has the columns, a total
# row and a checksum file that sha256sum accepts, and is complete or absent; the return marks
# payments paid or failed, failed lines go back to the next batch, a line matching nothing or
# with another amount is an error listed and never applied, and importing it again changes
# nothing.  A service with an amount is a ledger line but never a bank payment.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
data="$root/tests/data"
policies="$data/ledger_policies"
cd "$WORK"

db=$(new_db)
bf --db "$db" import people "$data/people_basic.csv" >/dev/null
bf --db "$db" import people "$data/people_update.csv" >/dev/null
set -- $(sql "SELECT id_number FROM people ORDER BY id_number")
[ $# -ge 4 ] || fail "too few people: $*"
p1=$1 p2=$2 p3=$3 p4=$4
bf --db "$db" ledger run --month 2020-02 --by 甲 --policies "$policies" >/dev/null
bf --db "$db" ledger approve --month 2020-02 --reviewer 乙 --reason 核实 >/dev/null

# Bank details: rows in error listed, history kept, accounts masked in every list.
cat >bank.csv <<EOF
证件号码,户名,银行账号,开户行
$p1,甲一,6222 0202 0000 1234 567,工商银行济宁分行
$p2,乙二,6228480000000000111,农业银行万州支行
$p3,丙三,12AB,建设银行
110105198001010016,丁四,6222020200009999999,工商银行
EOF
out=$(bf --db "$db" ledger import-bank bank.csv)
expect_eq "$(json_get "$out" added)" 2 "bank details added"
expect_eq "$(json_get "$out" rejected)" 2 "bank rows rejected"
expect_contains "$(cat bank.csv.errors.csv)" "银行账号：应为 8 至 39 位数字" "bad account"
expect_contains "$(cat bank.csv.errors.csv)" "不是已登记的人员或单位" "unknown payee"
out=$(bf --db "$db" ledger import-bank bank.csv)
expect_eq "$(json_get "$out" unchanged)" 2 "the same details again"
printf '证件号码,户名,银行账号,开户行\n%s,乙二,6228480000000000222,农业银行万州支行\n' "$p2" >bank2.csv
out=$(bf --db "$db" ledger import-bank bank2.csv)
expect_eq "$(json_get "$out" changed)" 1 "new details of a payee"
expect_eq "$(sql "SELECT COUNT(*) FROM bank_accounts WHERE payee = '$p2'")" 2 "history kept"
bf --db "$db" ledger bank >bank_list.csv
expect_contains "$(cat bank_list.csv)" "6222 **** **** 4567" "masked"
expect_contains "$(cat bank_list.csv)" "6228 **** **** 0111" "history masked"
grep -q '6222020200001234567\|62220202' bank_list.csv && fail "an account shown whole"

# A batch: one payment per payee with bank details; the others reported and kept.
bf --db "$db" ledger batch --month 2020-02 --by 丙 --policies "$policies" >batch.json 2>missing.txt
out=$(cat batch.json)
expect_eq "$(json_get "$out" payments)" 2 "payments"
expect_eq "$(json_get "$out" total)" 200.0 "batch total"
missing=$(json_get "$out" missing_bank)
[ "$missing" -ge 2 ] || fail "missing bank details not reported: $out"
expect_contains "$(cat missing.txt)" "缺少银行信息" "missing reported"
expect_contains "$(cat missing.txt)" "$p3" "missing payee named"
expect_eq "$(sql "SELECT COUNT(*) FROM ledger_lines WHERE state = '已审核'")" "$missing" \
    "lines of payees without bank details kept approved"
out=$(bf --db "$db" ledger batch --month 2020-02 --by 丙 --policies "$policies" 2>/dev/null)
expect_eq "$(json_get "$out" payments)" 0 "a second batch pays nothing twice"
bf --db "$db" ledger payments 1 >payments.csv
expect_contains "$(cat payments.csv)" "6228 **** **** 0222" "payments masked, current details"
grep -q '6228480000000000222' payments.csv && fail "payments list shows an account whole"

# No bank file before a second person approved the batch; its maker cannot approve it.
status=0
bf --db "$db" ledger export-bank 1 --out early.csv 2>err.txt || status=$?
expect_eq "$status" 1 "no bank file of an unapproved batch"
expect_contains "$(cat err.txt)" "第 1 批尚未审核" "the reason"
[ ! -e early.csv ] && [ ! -e early.csv.sha256 ] || fail "a bank file of an unapproved batch"
expect_eq "$(sql "SELECT COUNT(*) FROM payment_items WHERE state = '待导出'")" 2 \
    "the refused export changes no payment"
bf --db "$db" ledger approve-batch 1 --by 丙 2>/dev/null && fail "the maker approved the batch"
bf --db "$db" ledger approve-batch 1 --by 丁 >/dev/null
# The bank file: columns, total row, checksum; XLSX too; never over an existing file.
bf --db "$db" ledger export-bank 1 --out bank_file.csv >/dev/null
sha256sum -c bank_file.csv.sha256 >/dev/null || fail "checksum file"
python3 - bank_file.csv "$p1" "$p2" <<'PY' || fail "bank file"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
assert rows[0] == ["序号", "姓名/单位名称", "证件号码", "银行账号", "开户行", "金额", "摘要"], rows[0]
assert [r[2] for r in rows[1:-1]] == sorted(sys.argv[2:4]), rows
assert rows[1][3] == "6222020200001234567" and rows[1][5] == "100.00", rows[1]
assert "测试月补贴" in rows[1][6] and "2020-02" in rows[1][6], rows[1]
assert rows[-1][0] == "合计" and rows[-1][5] == "200.00" and "2" in rows[-1][6], rows[-1]
PY
bf --db "$db" ledger export-bank 1 --out bank_file.xlsx >/dev/null
sha256sum -c bank_file.xlsx.sha256 >/dev/null || fail "checksum of the xlsx"
bf --db "$db" ledger export-bank 1 --out bank_file.csv 2>/dev/null && fail "overwrote a bank file"
status=0
bf --db "$db" ledger export-bank 99 --out none.csv 2>/dev/null || status=$?
expect_eq "$status" 1 "unknown batch: exit 1"
[ ! -e none.csv ] && [ ! -e none.csv.sha256 ] || fail "a bank file of no batch was left"
ls ./*.tmp 2>/dev/null && fail "temporary files left"

# The return: one paid, one failed; an unknown account and a wrong amount are errors.
cat >return.csv <<EOF
银行账号,金额,结果,原因
6222020200001234567,100.00,成功,
6228480000000000222,100.00,失败,账户已冻结
6222020200007777777,100.00,成功,
6228480000000000222,90.00,成功,
EOF
out=$(bf --db "$db" ledger import-return return.csv)
expect_eq "$(json_get "$out" paid)" 1 "paid"
expect_eq "$(json_get "$out" failed)" 1 "failed"
expect_eq "$(json_get "$out" errors)" 2 "errors"
expect_contains "$(cat return.csv.errors.csv)" "没有待回盘的支付" "unmatched listed"
expect_eq "$(sql "SELECT state FROM ledger_lines WHERE payee = '$p1'")" 已支付 "paid line"
expect_eq "$(sql "SELECT state FROM ledger_lines WHERE payee = '$p2'")" 支付失败 "failed line"
expect_eq "$(sql "SELECT reason FROM payment_items WHERE payee = '$p2'")" 账户已冻结 "reason kept"
before=$(sql "SELECT COUNT(*) FROM ledger_reviews")
out=$(bf --db "$db" ledger import-return return.csv)
expect_eq "$(json_get "$out" already)" 2 "the same return again"
expect_eq "$(sql "SELECT COUNT(*) FROM ledger_reviews")" "$before" "the same return changes nothing"
# A wrong amount for a waiting payment is listed, never applied.
printf '证件号码,户名,银行账号,开户行\n%s,丙三,6217000000000000333,建设银行\n' "$p3" >bank3.csv
bf --db "$db" ledger import-bank bank3.csv >/dev/null
out=$(bf --db "$db" ledger batch --month 2020-02 --by 丙 --policies "$policies" 2>/dev/null)
expect_eq "$(json_get "$out" payments)" 2 "the failed payee again, and the new one"
bf --db "$db" ledger approve-batch 2 --by 丁 >/dev/null
bf --db "$db" ledger export-bank 2 --out bank_file2.csv >/dev/null
printf '银行账号,金额,结果,原因\n6217000000000000333,99.00,成功,\n' >return2.csv
out=$(bf --db "$db" ledger import-return return2.csv)
expect_eq "$(json_get "$out" errors)" 1 "a different amount"
expect_contains "$(cat return2.csv.errors.csv)" "应为 100.00 元" "amount error says the amount"
expect_eq "$(sql "SELECT state FROM ledger_lines WHERE payee = '$p3'")" 已入批 "not applied"
expect_eq "$(sql "SELECT COUNT(*) FROM ledger_lines WHERE state = '已支付'")" 1 "one paid line"
# The same line twice in one return: the second finds the payment settled by the first;
# the errors listed in file order, after the whole file was matched at once.
cat >return3.csv <<EOF
银行账号,金额,结果,原因
6217000000000000333,100.00,失败,对方户名不符
6217000000000000333,100.00,失败,对方户名不符
6217000000000000333,100.00,成功,
6217000000000000333,100.00,未知,
EOF
out=$(bf --db "$db" ledger import-return return3.csv)
expect_eq "$(json_get "$out" failed)" 1 "one failed"
expect_eq "$(json_get "$out" already)" 1 "the same line again: already"
expect_eq "$(json_get "$out" errors)" 2 "settled by an earlier line, and a bad result"
python3 - return3.csv.errors.csv <<'PY' || fail "return errors in file order"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
assert [r["行号"] for r in rows] == ["4", "5"], rows
assert "没有待回盘的支付" in rows[0]["错误原因"] and "未知" in rows[1]["错误原因"], rows
PY
expect_eq "$(sql "SELECT state || reason FROM payment_items WHERE account = '6217000000000000333'")" \
    支付失败对方户名不符 "failed with the bank's reason"
expect_eq "$(sql "SELECT COUNT(*) FROM ledger_reviews WHERE reason = '对方户名不符'")" \
    "$(sql "SELECT COUNT(*) FROM ledger_lines WHERE payee = '$p3'")" "one review per line"
expect_eq "$(sql "SELECT state FROM ledger_lines WHERE payee = '$p3'")" 支付失败 "its lines failed"
out=$(LANG=C bf --db "$db" ledger import-return missing.csv 2>&1) || true
expect_contains "$out" "missing.csv" "missing return file named"

# Reports from the ledger: by month, benefit, funding, region rolled up; a person's lines.
bf --db "$db" ledger list --month 2020-02 >lines.csv
for group in month benefit funding region; do
    bf --db "$db" ledger report --group "$group" --from 2020-01 --to 2020-12 >"report_$group.csv"
done
bf --db "$db" ledger report --group region --level county --out county.xlsx
[ -s county.xlsx ] || fail "report to xlsx"
python3 - lines.csv <<'PY' || fail "reports"
import csv
def rows(p): return list(csv.DictReader(open(p, encoding="utf-8-sig")))
lines = rows("lines.csv")
total = sum(int(r["金额（分）"]) for r in lines)
paid = sum(int(r["金额（分）"]) for r in lines if r["状态"] == "已支付")
month = rows("report_month.csv")
assert [(r["月份"], int(r["行数"]), r["应发（元）"], r["已支付（元）"]) for r in month] == \
    [("2020-02", len(lines), "%.2f" % (total / 100), "%.2f" % (paid / 100))], month
funding = rows("report_funding.csv")
assert [r["资金来源"] for r in funding] == ["测试资金"], funding
region = rows("report_region.csv")
for level, digits in (("省", 2), ("市", 4), ("县", 6)):
    got = {r["区划代码"]: r["应发（元）"] for r in region if r["级别"] == level}
    want = {}
    for r in lines:
        code = r["区划"][:digits] + "0" * (12 - digits)
        want[code] = want.get(code, 0) + int(r["金额（分）"])
    assert got == {k: "%.2f" % (v / 100) for k, v in want.items()}, (level, got, want)
assert any(r["区划名称"] == "济宁市" for r in region), region
PY
bf --db "$db" ledger person "$p1" >person.csv
expect_eq "$(grep -c 已支付 person.csv)" 1 "a person's paid line"
expect_contains "$(cat person.csv)" "ledgertest.monthly,一," "a person's line with its clause"
status=0
bf --db "$db" ledger report --group nothing 2>/dev/null || status=$?
expect_eq "$status" 2 "unknown report group: exit 2"
[ "$p4" != "" ] || fail "unused"

# A service with an amount (a premium paid on the person's behalf) is a line of the ledger, its
# sum as calc's, but no bank payment: the batch leaves it out, counts it, and it stays approved.
db=$(new_db)
bf --db "$db" import people "$data/people_basic.csv" >/dev/null
services="$data/ledger_service_policies"
bf --db "$db" ledger run --month 2020-01 --by 甲 --policies "$services" >/dev/null
bf --db "$db" ledger list --month 2020-01 >service_lines.csv
bf --db "$db" calc --from 2020-01 --to 2020-01 --policies "$services" >service_calc.json
python3 "$root/tests/cli/ledger_check.py" sums service_lines.csv service_calc.json 2020-01 \
    "$services" >/dev/null || fail "service lines differ from calc"
premiums=$(sql "SELECT COUNT(*) FROM ledger_lines WHERE benefit = 'servicetest.premium_paid'
                AND amount_fen = 20000")
[ "$premiums" -ge 2 ] || fail "no line of a service with an amount: $premiums"
bf --db "$db" ledger approve --month 2020-01 --reviewer 乙 --reason 核实 >/dev/null
sql "SELECT DISTINCT payee FROM ledger_lines ORDER BY payee" |
    awk 'BEGIN { print "证件号码,户名,银行账号,开户行" }
         { printf "%s,户%d,62220202%011d,工商银行\n", $1, NR, NR }' >bank_services.csv
bf --db "$db" ledger import-bank bank_services.csv >/dev/null
# One payee several times in one file: each row against the one before it (read at once).
sp=$(sql "SELECT payee FROM bank_accounts ORDER BY payee LIMIT 1")
printf '证件号码,户名,银行账号,开户行\n%s,甲,6222020200004444444,工商银行\n%s,甲,6222020200004444444,工商银行\n%s,甲,6222020200004444445,工商银行\n' \
    "$sp" "$sp" "$sp" >bank4.csv
out=$(bf --db "$db" ledger import-bank bank4.csv)
expect_eq "$(json_get "$out" added)/$(json_get "$out" changed)/$(json_get "$out" unchanged)" 0/2/1 \
    "a payee three times in a file"
expect_eq "$(sql "SELECT seq || ':' || account FROM bank_accounts WHERE payee = '$sp' ORDER BY seq" |
    tr '\n' ' ')" "1:6222020200000000001 2:6222020200004444444 3:6222020200004444445 " \
    "its history in file order"
out=$(bf --db "$db" ledger batch --month 2020-01 --by 丙 --policies "$services")
expect_eq "$(json_get "$out" services)" "$premiums" "service lines left out of the batch"
expect_eq "$(json_get "$out" lines)" \
    "$(sql "SELECT COUNT(*) FROM ledger_lines WHERE benefit = 'servicetest.monthly'")" \
    "the money lines batched"
expect_eq "$(sql "SELECT COUNT(*) FROM payment_lines p JOIN ledger_lines l ON l.id = p.line_id
                  WHERE l.benefit = 'servicetest.premium_paid'")" 0 "no service in a payment"
expect_eq "$(sql "SELECT DISTINCT state FROM ledger_lines
                  WHERE benefit = 'servicetest.premium_paid'")" 已审核 "service lines stay approved"
echo "t0910 ok"
