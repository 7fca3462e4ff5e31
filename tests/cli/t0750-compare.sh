#!/bin/sh
# bangfu import poverty and bangfu compare (issue 13 item 5): the poverty office's list is
# a whole list (people it no longer gives leave it, with history); compare insurance finds
# those aged 16-59 without a pension line paying (代缴, 动态清零), those 60 and over not
# drawing one, and the registered not in the list; compare poverty the registered not in the
# list, the listed not registered and the fields that differ.  Runs are stored and dated,
# listed, shown with what changed since the list's last run, and exported (XLSX: a worksheet
# per finding and one of those resolved; CSV on standard output).
. "$(dirname "$0")/lib.sh"
data="$(cd "$(dirname "$0")/../data" && pwd)"
db=$(new_db)
cd "$WORK"
# 张伟 1980, 李秀英 1985, 王强 2000, 陈静 1990, 刘洋 1975 (tests/data/people_basic.csv)
bf --db "$db" import people "$data/people_basic.csv" >/dev/null

cat >insurance.csv <<'CSV'
证件号码,险种,参保状态
37081119800101001X,城乡居民基本养老保险,参保缴费
370811198512310022,基本医疗保险,参保缴费
370811200002290033,企业职工基本养老保险,暂停缴费
CSV
bf --db "$db" import insurance insurance.csv >/dev/null
out=$(bf --db "$db" compare insurance --date 2020-06-30)
expect_eq "$(json_get "$out" findings)" \
    '{"uninsured": 4, "no_pension": 0, "registry_only": 2, "list_only": 0, "differs": 0}' "insurance findings"
expect_eq "$(json_get "$out" run)" 1 "first run"
expect_eq "$(sql "SELECT id_number || '|' || COALESCE(list_value, '-') FROM compare_findings WHERE run_id = 1 AND finding = 'uninsured' ORDER BY id_number")" \
"370811198512310022|medical:paying
370811200002290033|employee_pension:suspended
500101197503100057|-
500101199006150044|-" "uninsured, with their lines"
# The day ages are taken on: 刘洋 (born 1975-03-10) is 60 on 2035-03-10, not the day before.
expect_eq "$(json_get "$(bf --db "$db" compare insurance --date 2035-03-09)" findings)" \
    '{"uninsured": 4, "no_pension": 0, "registry_only": 2, "list_only": 0, "differs": 0}' "59"
out=$(bf --db "$db" compare insurance --date 2035-03-10)
expect_eq "$(json_get "$out" findings)" \
    '{"uninsured": 3, "no_pension": 1, "registry_only": 2, "list_only": 0, "differs": 0}' "60"
expect_eq "$(json_get "$out" new)" \
    '{"uninsured": 0, "no_pension": 1, "registry_only": 0, "list_only": 0, "differs": 0}' "new since the last run"
expect_eq "$(json_get "$out" resolved)" \
    '{"uninsured": 1, "no_pension": 0, "registry_only": 0, "list_only": 0, "differs": 0}' "resolved since the last run"

# The poverty office's list: whole list, ID numbers registered or not, categories canonical.
cat >poverty.csv <<'CSV'
序号,身份证号,姓名,户籍地区划代码,户编号,与户主关系,帮扶类别,联系电话
1,37081119800101001x,张伟,370811,H3708110001,户主,脱贫享受政策人口、建档立卡贫困人口,13853700001
2,370811198512310022,李秀英,370811,H3708110009,配偶,建档立卡贫困人口,
3,370811200002290033,王强,370811,,,贫困户,
4,11010119500101001X,赵某,110101,,,,
5,110101195001010009,钱某,,,,,
CSV
out=$(bf --db "$db" import poverty poverty.csv 2>/dev/null)
expect_eq "$out" '{"rows":5,"inserted":3,"updated":0,"unchanged":0,"rejected":2,"removed":0}' "poverty list"
errors=$(cat poverty.csv.errors.csv)
expect_contains "$errors" "帮扶类别：“贫困户”不是帮扶类别" "an unknown category"
expect_contains "$errors" "11010119500101001X" "a bad check digit"
expect_eq "$(sql "SELECT categories FROM poverty_list WHERE id_number = '37081119800101001X'")" \
    "$(sql "SELECT categories FROM people WHERE id_number = '37081119800101001X'")" "categories as the registry's"
out=$(bf --db "$db" compare poverty --date 2020-06-30)
expect_eq "$(json_get "$out" findings)" \
    '{"uninsured": 0, "no_pension": 0, "registry_only": 3, "list_only": 1, "differs": 1}' "poverty findings"
run=$(json_get "$out" run)
expect_eq "$(sql "SELECT finding || '|' || id_number || '|' || field || '|' || COALESCE(registry_value, '-') || '|' || COALESCE(list_value, '-') FROM compare_findings WHERE run_id = $run AND finding IN ('differs', 'list_only') ORDER BY finding")" \
"differs|370811198512310022|household_id|H3708110001|H3708110009
list_only|110101195001010009||-|-" "a difference and one in the list only"

# The next list: 李秀英's household corrected, 钱某 gone, 王强 added.
cat >poverty2.csv <<'CSV'
证件号码,姓名,户籍地区划代码,户编号
37081119800101001X,张伟,370811,H3708110001
370811198512310022,李秀英,370811,H3708110001
370811200002290033,王强,370811,H3708110002
CSV
expect_eq "$(bf --db "$db" import poverty poverty2.csv)" \
    '{"rows":3,"inserted":1,"updated":1,"unchanged":1,"rejected":0,"removed":1}' "a whole list again"
batch=$(sql "SELECT MAX(id) FROM batches")
expect_eq "$(sql "SELECT record_key || '|' || field || '|' || old_value || '|' || COALESCE(new_value, '-') FROM fact_history WHERE batch_id = $batch AND record_key = '110101195001010009' AND field <> 'created_batch' ORDER BY field")" \
"110101195001010009|id_number|110101195001010009|-
110101195001010009|name|钱某|-" "the person removed, each field in the history"
expect_eq "$(sql "SELECT old_value FROM fact_history WHERE batch_id = $batch AND record_key = '110101195001010009' AND field = 'created_batch'")" \
    "$(sql "SELECT MIN(id) FROM batches WHERE kind = 'poverty'")" "and the batch that stored it (report --as-of puts it back)"
expect_eq "$(sql "SELECT COUNT(*) FROM poverty_list")" 3 "the stored list is the last file"
out=$(bf --db "$db" compare poverty --date 2020-07-31)
expect_eq "$(json_get "$out" previous_run)" "$run" "the previous run of the same list"
expect_eq "$(json_get "$out" findings)" \
    '{"uninsured": 0, "no_pension": 0, "registry_only": 2, "list_only": 0, "differs": 0}' "second poverty run"
expect_eq "$(json_get "$out" resolved)" \
    '{"uninsured": 0, "no_pension": 0, "registry_only": 1, "list_only": 1, "differs": 1}' "resolved"
run2=$(json_get "$out" run)
expect_eq "$(bf --db "$db" compare show "$run2")" "$out" "show says what the run said"

listing=$(bf --db "$db" compare list)
expect_eq "$(printf '%s\n' "$listing" | wc -l)" 6 "five runs and a header"
expect_contains "$(printf '%s\n' "$listing" | sed -n 2p)" "$run2	poverty	2020-07-31" "newest first"

# Export: the sheets of the kinds of the list, and the resolved ones.
bf --db "$db" compare export "$run2" --out run.xlsx 2>/dev/null || fail "export xlsx"
python3 - run.xlsx <<'PY' || fail "workbook"
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = re.findall(r'<sheet name="([^"]+)"', z.read("xl/workbook.xml").decode())
assert names == ["仅在登记中", "仅在名单中", "信息不一致", "已解决"], names
strings = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))
for text in ["370811198512310022", "已解决", "110101195001010009", "持续"]:
    assert text in strings, text
PY
bf --db "$db" compare export "$run2" --out run.xlsx 2>/dev/null && fail "an existing file is kept"
csv=$(bf --db "$db" compare export "$run2" --out - | tr -d '\r')
expect_eq "$(printf '%s\n' "$csv" | head -1)" "发现,状态,证件号码,姓名,户籍地区划代码,项目,登记中的值,名单中的值" "csv header"
expect_contains "$csv" "仅在登记中,持续,500101197503100057,刘洋" "a finding still there"
expect_contains "$csv" "信息不一致,已解决,370811198512310022,李秀英,370811000000,户编号,H3708110001,H3708110009" "a resolved one"
bf --db "$db" compare show 99 2>err.txt && fail "no run 99"
expect_contains "$(cat err.txt)" "没有第 99 次比对" "unknown run"
bf --db "$db" compare payroll 2>/dev/null && fail "unknown list"
bf template poverty --out poverty-template.csv 2>/dev/null || fail "template"
expect_eq "$(bf --db "$db" import poverty poverty-template.csv | cut -c1-40)" '{"rows":1,"inserted":0,"updated":1,"unch' \
    "the template imports (张伟, now with the template's fields)"
echo ok
