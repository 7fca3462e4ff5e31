#!/bin/sh
# bangfu backup / restore: a database with every table filled round-trips row
# by row; neither overwrites without --force; a backup taken while an import
# runs holds the registry before or after that import, never half of it.
# (SQLite: the online backup API; PostgreSQL: pg_dump and pg_restore.)
. "$(dirname "$0")/lib.sh"
data="$(cd "$(dirname "$0")/../data" && pwd)"
cd "$WORK"

# tables DB: the base tables, one per line
tables() {
    if [ "$ENGINE" = postgresql ]; then
        psql -qAt "$1" -c "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
    else
        sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1"
    fi
}

# dump DB: every row of every table, sorted, with its table's name
dump() {
    for t in $(tables "$1"); do
        if [ "$ENGINE" = postgresql ]; then
            psql -qAt "$1" -c "SELECT '$t', * FROM $t"
        else
            sqlite3 "$1" "SELECT '$t', * FROM $t"
        fi | LC_ALL=C sort
    done
}

# query DB SQL: one value
query() {
    if [ "$ENGINE" = postgresql ]; then psql -qAt "$1" -c "$2"; else sqlite3 "$1" "$2"; fi
}

# a fresh empty target to restore into
empty_target() {
    if [ "$ENGINE" = postgresql ]; then
        _name="t_t0500_$$_$1"
        psql -q "${PG_ADMIN_URL_BASE}postgres" -c "CREATE DATABASE $_name" >/dev/null
        echo "$_name" >>"$WORK/.databases"
        echo "${PG_URL_BASE}$_name"
    else
        echo "$WORK/$1.db"
    fi
}

# The database holds the regions of Jining and Wanzhou only (3708 and 5001, those of the rows
# below; 12,000 of the national 665,271): each backup, restore and row-by-row dump of the
# national table made this one of the suite's longest tests, and nothing here needs them.
regions_of_cities regions 3708 5001
db=$(empty_target county)
bf --db "$db" init --regions regions >/dev/null
[ "$(query "$db" "SELECT COUNT(*) FROM regions")" -lt 20000 ] || fail "the regions of two cities only"

cp "$data/people_basic.csv" "$data/people_update.csv" .
bf --db "$db" import people people_basic.csv >/dev/null
bf --db "$db" import people people_update.csv >/dev/null
bf --db "$db" param set min_wage --region 370811 --from 2020-01-01 --value 1730 --by 测试 >/dev/null
# The fact tables of migration 0007, filled by their imports (issue 12).
person=$(query "$db" "SELECT id_number FROM people ORDER BY id_number LIMIT 1")
printf '统一社会信用代码,单位名称,单位类型,所在地区划代码,职工人数,免费提供场地\n91370800MA3C00003U,测试车间,扶贫车间,370811,10,是\n' >orgs.csv
bf --db "$db" import orgs orgs.csv >/dev/null
sed 's/,10,是$/,20,是/' orgs.csv >orgs_update.csv
bf --db "$db" import orgs orgs_update.csv >/dev/null
printf '证件号码,单位统一社会信用代码,工作地区划代码,就业形式,开始日期,月收入（元）\n%s,91370800MA3C00003U,370811,车间就业,2020-03-01,2500.50\n' "$person" >jobs.csv
bf --db "$db" import jobs jobs.csv >/dev/null
bf --db "$db" import orgs "$data/orgs_training_sites.csv" >/dev/null
printf '证件号码,培训机构统一社会信用代码,培训类型,开始日期,结束日期,培训天数,证书等级\n%s,91370800MA3C00003U,技能培训,2020-04-01,2020-04-10,10,初级\n' "$person" >trainings.csv
bf --db "$db" import trainings trainings.csv >/dev/null
printf '证件号码,学校类型,入学日期,学校地区划代码\n%s,技工院校,2019-09-01,370811\n' "$person" >enrolments.csv
bf --db "$db" import enrolments enrolments.csv >/dev/null
printf '证件号码,安置区统一社会信用代码\n%s,12370811MA3C0P044C\n' "$person" >residences.csv
bf --db "$db" import residences residences.csv >/dev/null
printf '证件号码,险种,参保状态,参保日期\n%s,失业保险,参保缴费,2020-03-01\n' "$person" >insurance.csv
bf --db "$db" import insurance insurance.csv >/dev/null
printf '岗位编号,单位统一社会信用代码,岗位名称,工种,工作地区划代码,招聘人数,月薪下限（元）\nJN-1,91370800MA3C00003U,缝纫工,缝纫,370811,5,3000\n' >postings.csv
bf --db "$db" import postings postings.csv >/dev/null
bf --db "$db" push --dir push --date 2021-06-30 >/dev/null
# 0016: a reply to the push, a hire (a spell) by its import.
run=$(query "$db" "SELECT MAX(batch_id) FROM push_runs")
pushed=$(query "$db" "SELECT id_number FROM pushes ORDER BY id_number LIMIT 1")
printf '推送批次,证件号码,岗位编号,回复,到岗日期\n%s,%s,JN-1,已录用,2021-07-01\n' "$run" "$pushed" >replies.csv
bf --db "$db" import replies replies.csv >/dev/null
# 0017: job fairs and organised outflow, by their imports (templates give one row each).
for kind in fairs fair_employers fair_people outflows outflow_people; do
    bf template "$kind" --out "$kind.csv" 2>/dev/null
    sed -i "s/37081119800101001X/$person/; s/91370811MA3C6Y4N2B/91370800MA3C00003U/" "$kind.csv"
    bf --db "$db" import "$kind" "$kind.csv" >/dev/null
done
# The public-welfare posts of migration 0009 (issue 13 item 4).
printf '岗位编号,岗位名称,岗位类别,岗位类型,所在村区划代码\nP1,保洁员,乡村公益性岗位,保洁环卫,370811002201\n' >posts.csv
bf --db "$db" import posts posts.csv >/dev/null
printf '证件号码,岗位编号,上岗日期\n%s,P1,2021-03-01\n' "$person" >assignments.csv
bf --db "$db" import assignments assignments.csv >/dev/null
printf '岗位编号,证件号码,月份,应发金额（元）\nP1,%s,2021-03,990\n' "$person" >post_pay.csv
bf --db "$db" import post_pay post_pay.csv >/dev/null
printf '证件号码,姓名,所在村区划代码,职务\n%s,张伟,370811002201,村委会委员\n' "$person" >cadres.csv
bf --db "$db" import cadres cadres.csv >/dev/null
# The ledger (issue 15) through its commands, on a policy file paying everyone.
ledger_policies="$data/ledger_policies"
bf --db "$db" ledger run --month 2020-01 --by 甲 --policies "$ledger_policies" >/dev/null
bf --db "$db" ledger apply --benefit ledgertest.applied --applicant "$person" --on 2020-01-02 \
    --documents 申请表 --by 甲 --policies "$ledger_policies" >/dev/null
bf --db "$db" ledger run --month 2020-01 --by 甲 --policies "$ledger_policies" >/dev/null
bf --db "$db" ledger approve --month 2020-01 --reviewer 乙 --reason 核实 >/dev/null
printf '证件号码,户名,银行账号,开户行\n%s,测试,6222020200001234567,工商银行\n' "$person" >bank.csv
bf --db "$db" ledger import-bank bank.csv >/dev/null
bf --db "$db" ledger batch --month 2020-01 --by 丙 --policies "$ledger_policies" >/dev/null 2>&1
bf --db "$db" ledger approve-batch 1 --by 丁 >/dev/null
bf --db "$db" ledger export-bank 1 --out bank_file.csv >/dev/null
printf '银行账号,金额,结果,原因\n6222020200001234567,150.00,成功,\n' >return.csv
bf --db "$db" ledger import-return return.csv >/dev/null
# 0013: a decision on a carrier, recorded by its import.
printf '统一社会信用代码,载体类型,决定日期,决定类型,文号,决定机关\n91370800MA3C00003U,扶贫车间,2020-06-01,认定,任人社字〔2020〕1号,任城区人社局\n' >certifications.csv
bf --db "$db" import certifications certifications.csv >/dev/null
# 0014: cooperation bodies and projects, and a spell on a project, by their imports.
for kind in alliances alliance_members brands projects; do
    bf template "$kind" --out "$kind.csv" 2>/dev/null
    bf --db "$db" import "$kind" "$kind.csv" >/dev/null
done
printf '证件号码,单位统一社会信用代码,工作地区划代码,就业形式,开始日期,项目编号\n%s,91370800MA3C00003U,370811,以工代赈,2023-11-01,RC2023-001\n' "$person" >work_relief.csv
bf --db "$db" import jobs work_relief.csv >/dev/null
# The poverty office's list and a comparison of migration 0015 (issue 13 item 5).
printf '证件号码,姓名\n%s,张伟\n' "$person" >poverty.csv
bf --db "$db" import poverty poverty.csv >/dev/null
bf --db "$db" compare poverty --date 2021-01-01 >/dev/null
# A monitoring snapshot of migration 0018 (issue 16 item 4).
bf --db "$db" monitor snapshot --month 2023-11 >/dev/null
# 0019: a county's 附件1 submitted upward (issue 16 item 8), by its command.
bf --db "$db" report submit --region 370811 --quarter 2023Q3 --submitter 甲 --on 2023-09-14 >/dev/null
# 0021: a user of the web application, whose creation is the first audit entry.
echo 'Backup-test-2024' | bf --db "$db" user add keeper --name 备份 --region 370811 --roles 查看员
for t in $(tables "$db"); do
    [ "$(query "$db" "SELECT COUNT(*) FROM $t")" -gt 0 ] || fail "table $t is empty: fill it in this test"
done
[ "$(tables "$db" | wc -l)" -ge 6 ] || fail "every table: $(tables "$db")"

LANG=C bf --db "$db" backup county.bak >out.txt 2>err.txt || fail "backup: $(cat err.txt)"
expect_contains "$(cat out.txt)" "backed up to county.bak" "backup"
[ -s county.bak ] || fail "no backup file"
ls county.bak.partial-* 2>/dev/null && fail "a partial file is left"
dump "$db" >before.txt

# never overwritten without --force
echo keep >other.bak
LANG=C bf --db "$db" backup other.bak 2>err.txt && fail "backup overwrote a file"
expect_contains "$(cat err.txt)" "--force" "backup over a file"
expect_eq "$(cat other.bak)" keep "the file is untouched"
LANG=C bf --db "$db" restore county.bak 2>err.txt && fail "restore over a database without --force"
expect_contains "$(cat err.txt)" "--force" "restore over a database"

# round trip into a new database: every row equal
target=$(empty_target restored)
LANG=C bf --db "$target" restore county.bak >out.txt 2>err.txt || fail "restore: $(cat err.txt)"
dump "$target" >after.txt
cmp -s before.txt after.txt || fail "restored rows differ: $(diff before.txt after.txt | head -5)"
out=$(bf --db "$target" person show 37081119800101001X --json)
expect_eq "$(json_get "$out" phone)" "13853700009" "the restored database works"

# restore --force replaces a database changed since the backup
bf --db "$target" import people people_basic.csv >/dev/null
cmp -s before.txt "$(dump "$target" >changed.txt && echo changed.txt)" && fail "the import changed nothing"
bf --db "$target" restore county.bak --force >/dev/null 2>err.txt || fail "restore --force: $(cat err.txt)"
dump "$target" >after.txt
cmp -s before.txt after.txt || fail "restore --force: rows differ"

# SQLite: a database bangfu creates has 16 KiB pages (store_sqlite.c, SQLITE_PAGE_SIZE), and a
# backup of one made before them (4 KiB pages) restores, new or over one with --force: SQLite's
# backup API cannot copy pages of another size into a database in WAL mode.
if [ "$ENGINE" = sqlite ]; then
    expect_eq "$(query "$db" "PRAGMA page_size")" 16384 "the page size of a new database"
    cp county.bak small_pages.bak
    sqlite3 small_pages.bak "PRAGMA journal_mode=DELETE; PRAGMA page_size=4096; VACUUM;" >/dev/null
    expect_eq "$(query small_pages.bak "PRAGMA page_size")" 4096 "the older backup's page size"
    old_target=$(empty_target old_pages)
    LANG=C bf --db "$old_target" restore small_pages.bak >/dev/null 2>err.txt ||
        fail "restore of a backup with 4 KiB pages: $(cat err.txt)"
    cmp -s before.txt "$(dump "$old_target" >old_pages.txt && echo old_pages.txt)" ||
        fail "restore of a backup with 4 KiB pages: rows differ"
    expect_eq "$(query "$old_target" "PRAGMA journal_mode")" wal "the restored database's journal"
    LANG=C bf --db "$target" restore small_pages.bak --force >/dev/null 2>err.txt ||
        fail "restore --force of a backup with 4 KiB pages: $(cat err.txt)"
    cmp -s before.txt "$(dump "$target" >old_pages.txt && echo old_pages.txt)" ||
        fail "restore --force of a backup with 4 KiB pages: rows differ"
fi

# a backup during an import: the people before or after it, never a part
# (5,000 under the sanitizers, lib.sh: their import outlasts the 0.3 s as the 20,000 do.)
count=20000
[ "$SANITIZED" = 0 ] || count=5000
bf --db "$db" generate people --count "$count" --seed 7 --out big.csv
people=$(query "$db" "SELECT COUNT(*) FROM people")
bf --db "$db" import people big.csv >import.txt 2>&1 &
import=$!
sleep 0.3
bf --db "$db" backup during.bak >/dev/null 2>err.txt || fail "backup during an import: $(cat err.txt)"
wait "$import" || fail "the import failed: $(cat import.txt)"
during=$(empty_target during)
bf --db "$during" restore during.bak >/dev/null 2>err.txt || fail "restore: $(cat err.txt)"
n=$(query "$during" "SELECT COUNT(*) FROM people")
[ "$n" = "$people" ] || [ "$n" = $((people + count)) ] || fail "backup during an import holds $n people"
expect_eq "$(db=$during && count_dangling)" 0 "every batch, person and region referred to is in the backup"
echo "backup during the import: $n people (before: $people)"

# not a backup
echo "not a database" >junk.bak
LANG=C bf --db "$(empty_target junk)" restore junk.bak 2>err.txt && fail "restore of a junk file"
[ "$ENGINE" = postgresql ] || expect_contains "$(cat err.txt)" "junk.bak" "restore of a junk file"
echo ok
