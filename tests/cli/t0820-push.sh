#!/bin/sh
# bangfu push: a push run records who was sent which postings (push_runs, pushes, a batch
# of kind push) with the ranks, scores and reasons of bangfu match, writes the call list
# (one worksheet per village, named by code and name, the header atop each) and the SMS
# file (one line per phone, at most 70 characters); laborers without a phone are counted;
# a run that fails records nothing.
. "$(dirname "$0")/lib.sh"
db=$(new_db)
cd "$WORK"
checkout=$_lib_checkout
. "$checkout/tests/cli/match_data.sh" # people 甲..壬 ($A..$I), postings P1..P10

out=$(bf --db "$db" push --dir run1 --date 2021-06-30 --top 2)
batch=$(sql "SELECT MAX(id) FROM batches")
expect_eq "$out" "{\"batch\":$batch,\"laborers\":5,\"pushes\":10,\"messages\":3,\"no_phone\":2}" "counts"
expect_eq "$(sql "SELECT kind || '|' || source FROM batches WHERE id = $batch")" "push|sms" "batch"
expect_eq "$(sql "SELECT pushed_on || '|' || channel || '|' || COALESCE(region, '-') || '|' || top FROM push_runs")" \
    "2021-06-30|sms|-|2" "run"
expect_eq "$(sql "SELECT id_number || '|' || posting_code || '|' || rank || '|' || score FROM pushes WHERE batch_id = $batch ORDER BY id_number, rank")" \
"$I|P9|1|55
$I|P2|2|50
$D|P1|1|40
$D|P8|2|37
$B|P3|1|90
$B|P5|2|70
$A|P1|1|90
$A|P9|2|55
$C|P5|1|70
$C|P2|2|65" "pushes: the ranking of bangfu match"
expect_eq "$(sql "SELECT reasons FROM pushes WHERE id_number = '$A' AND posting_code = 'P1'")" \
    "有就近就业意愿，同县 +40；技能对口（电工）+30；月薪 4000 元起 +20" "reasons kept"

# SMS: one line per phone, each message at most 70 characters, the best postings first.
expect_eq "$(cut -f1 run1/sms.txt | tr '\n' ' ')" "13853700002 13853700001 13853700003 " "one line per phone"
python3 - run1/sms.txt <<'PY' || fail "sms longer than 70 characters"
import sys
for line in open(sys.argv[1], encoding="utf-8"):
    phone, message = line.rstrip("\n").split("\t")
    assert len(message) <= 70, (len(message), message)
PY
expect_eq "$(grep '^13853700001' run1/sms.txt | cut -f2)" \
    "【就业帮扶】推荐岗位：电工济宁某公司，月薪4000元起，电话0537-2345678；普工济宁某公司，月薪3000元起" "message"

# The call list: a worksheet per village (code and name), the header atop each.
python3 - run1/calls.xlsx "$A" <<'PY' || fail "call list"
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = re.findall(r'<sheet name="([^"]*)"', z.read("xl/workbook.xml").decode())
assert names == ["370811000000 任城区", "500101000000 万州区"], names
strings = z.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in z.namelist() else ""
text = strings + "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))
for needed in ["回复", "原因", "13853700001", "0537-2345678", sys.argv[2], "推荐理由"]:
    assert needed in text, needed
second = z.read("xl/worksheets/sheet2.xml").decode()
assert second.count("<row") == 3, second.count("<row")  # header and 丙's two postings
PY

# A second run is another batch; one for a region and by call.
bf --db "$db" push --dir run2 --date 2021-06-30 --top 1 --region 500101 --channel call >/dev/null
expect_eq "$(sql "SELECT COUNT(*) || '|' || MIN(channel) || '|' || MAX(region) FROM push_runs")" "2|call|500101000000" "second run"
expect_eq "$(sql "SELECT COUNT(*) FROM pushes")" 11 "pushes of both runs"

# A run that cannot write its files records nothing.
touch notadir
if bf --db "$db" push --dir notadir --date 2021-06-30 >out.txt 2>err.txt; then fail "pushed into a file"; fi
expect_contains "$(cat err.txt)" "notadir" "error names the directory"
expect_eq "$(sql "SELECT COUNT(*) FROM push_runs")" 2 "nothing recorded"
if bf --db "$db" push --date 2021-06-30 >out.txt 2>err.txt; then fail "no --dir accepted"; fi
if bf --db "$db" push --dir run3 --channel fax >out.txt 2>err.txt; then fail "--channel fax accepted"; fi
echo ok
