#!/bin/sh
# export people writes the import format: export -> import changes nothing,
# as CSV (stdout and file) and as XLSX; --region limits the export.
. "$(dirname "$0")/lib.sh"
# new_db runs inside $( ), where its counter cannot advance: set it so each target is new.
data="$(cd "$(dirname "$0")/../data" && pwd)"
db=$(new_db)
cp "$data/people_basic.csv" "$WORK/basic.csv"
bf --db "$db" import people "$WORK/basic.csv" >/dev/null
# The flags: 是, 否 and not stated (NULL) all come back as they were.
printf '姓名,证件号码,户籍地区划代码,帮扶类别,三无,有就业意愿\n张伟,37081119800101001X,370811,脱贫享受政策人口；建档立卡贫困人口,是,否\n陈静,500101199006150044,500101,即时帮扶人口；黄河滩区迁建居民,,是\n' >"$WORK/flags.csv"
bf --db "$db" import people "$WORK/flags.csv" >/dev/null

bf --db "$db" export people >"$WORK/stdout.csv"
head -1 "$WORK/stdout.csv" | tr -d '\r' | sed 's/^\xef\xbb\xbf//' >"$WORK/header"
expect_eq "$(cat "$WORK/header")" "姓名,证件号码,性别,户籍地区划代码,户编号,与户主关系,帮扶类别,联系电话,劳动能力,就业状态,就业意愿,培训意愿,技能,就业困难,三无,有就业意愿" "export header"
expect_eq "$(tr -d '\r' <"$WORK/stdout.csv" | grep -c ',是,否$'),$(tr -d '\r' <"$WORK/stdout.csv" | grep -c ',,是$')" "1,1" \
    "the flags exported as 是/否"
out=$(bf --db "$db" import people "$WORK/stdout.csv")
expect_eq "$out" '{"rows":5,"inserted":0,"updated":0,"unchanged":5,"rejected":0}' "CSV round trip"

bf --db "$db" export people --out "$WORK/all.csv" 2>/dev/null
# The file starts with a BOM (for Excel); stdout does not.
head -c 3 "$WORK/all.csv" | od -An -tx1 | grep -q "ef bb bf" || fail "exported file has no BOM"
tail -c +4 "$WORK/all.csv" | cmp - "$WORK/stdout.csv" || fail "--out FILE.csv differs from stdout"

# Into an empty registry the export recreates the same registry.
db2=$(new_db)
out=$(bf --db "$db2" import people "$WORK/all.csv")
expect_eq "$out" '{"rows":5,"inserted":5,"updated":0,"unchanged":0,"rejected":0}' "export into an empty registry"
bf --db "$db2" export people >"$WORK/again.csv"
cmp "$WORK/again.csv" "$WORK/stdout.csv" || fail "export of the re-imported registry differs"
flags="SELECT COALESCE(CAST(three_no AS TEXT), '-') || COALESCE(CAST(wants_job AS TEXT), '-') FROM people ORDER BY id_number"
expect_eq "$(db=$db2 sql "$flags")" "$(sql "$flags")" "the flags (1, 0, NULL) re-imported as stored"

# XLSX: written by export, read by import.
bf --db "$db" export people --out "$WORK/all.xlsx" 2>/dev/null
[ -s "$WORK/all.xlsx" ] || fail "no xlsx written"
out=$(bf --db "$db" import people "$WORK/all.xlsx")
expect_eq "$out" '{"rows":5,"inserted":0,"updated":0,"unchanged":5,"rejected":0}' "XLSX round trip"
db3=$(new_db)
out=$(bf --db "$db3" import people "$WORK/all.xlsx")
expect_eq "$out" '{"rows":5,"inserted":5,"updated":0,"unchanged":0,"rejected":0}' "XLSX into an empty registry"
show=$(bf --db "$db3" person show 500101199006150044 --json)
expect_eq "$(json_get "$show" skills)" "缝纫
编织" "line break inside a cell survives XLSX"
expect_eq "$(json_get "$show" difficulties)" "家庭照护；无法外出" "difficulties on two lines stored as their list"

# --region: only the people within the region (any code form).
n=$(bf --db "$db" export people --region 500101 | tail -n +2 | grep -c '^')
expect_eq "$n" 3 "export --region 500101 (two people, one cell with a line break)"
bf --db "$db" export people --region 50 --out "$WORK/cq.csv" 2>/dev/null
out=$(bf --db "$db2" import people "$WORK/cq.csv")
expect_eq "$out" '{"rows":2,"inserted":0,"updated":0,"unchanged":2,"rejected":0}' "region export round trip"
n=$(bf --db "$db" export people --region 370811000000 | tail -n +2 | wc -l)
expect_eq "$n" 3 "export --region 370811000000"
n=$(bf --db "$db" export people --region 11 | tail -n +2 | wc -l)
expect_eq "$n" 0 "export of a region without people"
if bf --db "$db" export people --region 12345 2>/dev/null; then fail "malformed region accepted"; fi
if bf --db "$db" export people --region 990000 2>/dev/null; then fail "unknown region accepted"; fi
echo ok
