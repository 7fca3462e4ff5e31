#!/bin/sh
# bangfu import replies: the answers to a push run (推送批次 of calls.xlsx, person, posting):
# interested, hired, declined with reason; a hire becomes an employment spell at the posting's
# employer and work place (fields in fact_history), a posting whose openings are all hired
# becomes filled; a reply to a posting that run did not push to that person, a hire of a
# posting with no opening left or closed, a decline without reason, a hire without start,
# a stored hire changed are refused per row naming it; a rerun changes nothing.
. "$(dirname "$0")/lib.sh"
db=$(new_db)
cd "$WORK"
checkout=$_lib_checkout
. "$checkout/tests/cli/match_data.sh" # people 甲..壬 ($A..$I), postings P1..P10 (P1: 2 openings)

bf --db "$db" push --dir run1 --date 2021-06-30 --top 2 >/dev/null
run=$(sql "SELECT MAX(batch_id) FROM push_runs")
# The call list carries the run, so that the officer's filled list is the replies file.
python3 - run1/calls.xlsx "$run" <<'PY' || fail "calls.xlsx lacks 推送批次"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
text = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))
assert "推送批次" in text and ">%s<" % sys.argv[2] in text
PY

cat >replies.csv <<CSV
推送批次,证件号码,岗位编号,回复,原因,回复日期,到岗日期,月收入（元）
$run,$A,P1,已录用,,2021-07-01,2021-07-05,4200
$run,$D,P1,录用,,2021-07-02,2021-07-06,
$run,$B,P3,不愿意,离家太远,2021-07-01,,
$run,$C,P5,有意向,,2021-07-01,,
$run,$B,P1,有意向,,2021-07-01,,
$run,$C,P2,不愿意,,2021-07-01,,
$run,$I,P9,已录用,,2021-07-01,,
CSV
out=$(bf --db "$db" import replies replies.csv --errors errors.csv)
expect_eq "$(json_get "$out" rows) $(json_get "$out" inserted) $(json_get "$out" rejected)" "7 4 3" "counts"
expect_contains "$(cat errors.csv)" "推送批次 $run 没有向 $B 推送岗位 P1" "not pushed: named"
expect_contains "$(cat errors.csv)" "原因：不愿意时必填" "decline without reason"
expect_contains "$(cat errors.csv)" "到岗日期：已录用时必填" "hire without start"
expect_eq "$(sql "SELECT id_number || '|' || posting_code || '|' || reply || '|' || COALESCE(reason, '-') || '|' || employer || '|' || region FROM push_replies ORDER BY id_number")" \
"$D|P1|hired|-|91370811MA3C00011L|370811000000
$B|P3|declined|离家太远|91370811MA3C00011L|370102000000
$A|P1|hired|-|91370811MA3C00011L|370811000000
$C|P5|interested|-|91370811MA3C00011L|110101000000" "replies stored"
batch=$(sql "SELECT MAX(id) FROM batches")
expect_eq "$(sql "SELECT id_number || '|' || employer || '|' || start_date || '|' || region || '|' || kind || '|' || COALESCE(CAST(monthly_income AS TEXT), '-') || '|' || created_batch FROM jobs WHERE created_batch = $batch ORDER BY id_number")" \
"$D|91370811MA3C00011L|2021-07-06|370811000000|enterprise|-|$batch
$A|91370811MA3C00011L|2021-07-05|370811000000|enterprise|420000|$batch" "a hire is a spell"
expect_eq "$(sql "SELECT field || '=' || new_value FROM fact_history WHERE kind = 'jobs' AND record_key = '$A|91370811MA3C00011L|2021-07-05' ORDER BY field")" \
"employer=91370811MA3C00011L
id_number=$A
kind=enterprise
monthly_income=420000
region=370811000000
start_date=2021-07-05" "the spell's fields in fact_history"
expect_eq "$(sql "SELECT state FROM postings WHERE posting_code = 'P1'")" "filled" "P1's two openings hired: filled"
expect_eq "$(sql "SELECT old_value || '>' || new_value || '|' || batch_id FROM fact_history WHERE kind = 'postings' AND record_key = 'P1'")" "open>filled|$batch" "state change in history"
expect_eq "$(sql "SELECT state FROM postings WHERE posting_code = 'P3'")" "open" "P3 not filled"

# A rerun changes nothing: no spell, no history, no state.
history=$(sql "SELECT COUNT(*) FROM fact_history")
out=$(bf --db "$db" import replies replies.csv --errors errors2.csv)
expect_eq "$(json_get "$out" unchanged) $(json_get "$out" rejected)" "4 3" "rerun unchanged"
expect_eq "$(sql "SELECT COUNT(*) FROM jobs")" 3 "no spell twice"
expect_eq "$(sql "SELECT COUNT(*) FROM fact_history")" "$history" "no history twice"

# Later runs (甲 and 丁 now employed) push P1 to 壬; a hire of it has no opening left, a stored
# hire cannot change.
bf --db "$db" push --dir run2 --date 2021-06-30 --top 3 >/dev/null
run2=$(sql "SELECT MAX(batch_id) FROM push_runs")
sql "UPDATE postings SET state = 'open' WHERE posting_code = 'P1'" >/dev/null
bf --db "$db" push --dir run3 --date 2021-06-30 --top 3 >/dev/null
run3=$(sql "SELECT MAX(batch_id) FROM push_runs")
expect_eq "$(sql "SELECT id_number FROM pushes WHERE batch_id = $run3 AND posting_code = 'P1'")" "$I" "P1 pushed again"
cat >more.csv <<CSV
推送批次,证件号码,岗位编号,回复,原因,到岗日期
$run3,$I,P1,已录用,,2021-08-01
$run,$A,P1,不愿意,改主意,
$run,$D,P1,已录用,,2021-07-09
$run3,$I,P9,已录用,,2021-08-01
$run3,$B,P3,已录用,,2021-08-02
CSV
sql "UPDATE postings SET state = 'closed' WHERE posting_code = 'P3'" >/dev/null
out=$(bf --db "$db" import replies more.csv --errors errors3.csv)
expect_eq "$(json_get "$out" inserted) $(json_get "$out" rejected)" "1 4" "one hire kept"
expect_contains "$(cat errors3.csv)" "岗位 P1 已无空缺（招聘 2 人，已录用 2 人）" "no opening left: named"
expect_contains "$(cat errors3.csv)" "回复：已录用并记为就业记录" "a hire stays a hire"
expect_contains "$(cat errors3.csv)" "到岗日期：已录用，到岗日期 2021-07-06" "a hire keeps its start"
expect_contains "$(cat errors3.csv)" "岗位 P3 已关闭" "closed posting"
expect_eq "$(sql "SELECT COUNT(*) FROM jobs WHERE id_number = '$I' AND start_date = '2021-08-01'")" 1 "壬 hired"
expect_eq "$(sql "SELECT COUNT(*) FROM jobs")" 4 "spells"

# Two hires of the same posting in one file count against its openings together.
printf '岗位编号,单位统一社会信用代码,岗位名称,工种,工作地区划代码,招聘人数\nP9,91370811MA3C00011L,普工,普工,370811,2\n' >p9.csv
bf --db "$db" import postings p9.csv >/dev/null
cat >two.csv <<CSV
推送批次,证件号码,岗位编号,回复,到岗日期
$run,$A,P9,已录用,2021-09-01
$run2,$I,P9,已录用,2021-09-01
CSV
out=$(bf --db "$db" import replies two.csv --errors errors4.csv)
expect_eq "$(json_get "$out" inserted) $(json_get "$out" rejected)" "1 1" "second hire over the openings"
expect_contains "$(cat errors4.csv)" "岗位 P9 已无空缺（招聘 2 人，已录用 2 人）" "counted with the file's"
expect_eq "$(sql "SELECT state FROM postings WHERE posting_code = 'P9'")" "filled" "P9 filled"

# The template knows the kind.
bf template replies --out t.csv 2>/dev/null
expect_contains "$(head -1 t.csv)" "推送批次" "template"
echo ok
