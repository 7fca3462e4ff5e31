#!/bin/sh
# Messages and text output: both languages (ID number problems too), control
# and bidirectional characters of names escaped on the terminal, times in
# local time (TZ, Asia/Shanghai when unset) while stored in UTC, invalid UTF-8
# named on its own line.
. "$(dirname "$0")/lib.sh"
db=$(new_db)
cd "$WORK"

# ID number problems in the user's language
LANG=C bf --db "$db" person show 370811199001011237 2>err.txt && fail "bad check digit accepted"
expect_contains "$(cat err.txt)" "invalid ID number '370811199001011237': wrong check character" "English"
LANG=zh_CN.UTF-8 bf --db "$db" person show 370811199001011237 2>err.txt && fail "bad check digit accepted"
expect_contains "$(cat err.txt)" "校验位错误" "Chinese"
LANG=C bf --db "$db" person show 3708111990010112 2>err.txt && fail "short ID accepted"
expect_contains "$(cat err.txt)" "18 characters" "English length"

# a name with ESC, BEL and a right-to-left override: escaped, never sent raw to the terminal
printf '姓名,证件号码,户籍地区划代码,帮扶类别\n"A\033[31mRED\a\342\200\256evil",370811199001011236,370811,脱贫享受政策人口\n' >ctl.csv
bf --db "$db" import people ctl.csv >/dev/null
LANG=C bf --db "$db" person show 370811199001011236 >show.txt
expect_contains "$(cat show.txt)" 'name: A\x1B[31mRED\x07\u202Eevil' "control characters escaped"
if LC_ALL=C grep -q "$(printf '\033')\|$(printf '\a')\|$(printf '\342\200\256')" show.txt; then
    fail "raw control characters in the output"
fi
# JSON keeps the data as it is (escaped by JSON itself)
json_get "$(bf --db "$db" person show 370811199001011236 --json)" name | grep -q "RED" || fail "JSON name"

# stored in UTC, shown in local time
stored=$(json_get "$(bf --db "$db" person show 370811199001011236 --json)" created |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["at"])')
case "$stored" in *Z) ;; *) fail "stored time is not UTC: $stored" ;; esac
utc=$(TZ=UTC LANG=C bf --db "$db" person show 370811199001011236 | sed -n 's/^created: .*, \(.*\))$/\1/p')
shanghai=$(env -u TZ LANG=C "$BANGFU" --db "$db" person show 370811199001011236 | sed -n 's/^created: .*, \(.*\))$/\1/p')
expect_eq "$utc" "$(echo "$stored" | sed 's/T/ /; s/Z$/ +00:00/')" "TZ=UTC shows the stored time"
expect_eq "$shanghai" "$(TZ=Asia/Shanghai date -d "$stored" '+%Y-%m-%d %H:%M:%S %:z')" "no TZ: Asia/Shanghai"
# status: the batches in local time with the offset too (stored in UTC)
started=$(sql "SELECT started_at FROM batches ORDER BY id DESC LIMIT 1")
batch_time() { sed -n '/^latest imports/{n;s/^  \([0-9-]* [0-9:]* [-+][0-9:]*\)  .*/\1/p;}'; }
expect_eq "$(env -u TZ LANG=C "$BANGFU" --db "$db" status | batch_time)" \
    "$(TZ=Asia/Shanghai date -d "$started" '+%Y-%m-%d %H:%M:%S %:z')" "status: Asia/Shanghai"
expect_eq "$(TZ=America/New_York LANG=C bf --db "$db" status | batch_time)" \
    "$(TZ=America/New_York date -d "$started" '+%Y-%m-%d %H:%M:%S %:z')" "status: TZ"

# invalid UTF-8 on line 6 of a file that is otherwise UTF-8: line 6 is named
python3 - <<'PY'
rows = ["姓名,证件号码,户籍地区划代码,帮扶类别"] + ["张伟%d,370811199001011236,370811,脱贫享受政策人口" % i for i in range(8)]
lines = [r.encode() for r in rows]
lines[5] = lines[5].replace("张".encode(), b"\xe5\xbc")
open("bad.csv", "wb").write(b"\n".join(lines) + b"\n")
PY
LANG=C bf --db "$db" import people bad.csv 2>err.txt && fail "invalid UTF-8 accepted"
expect_contains "$(cat err.txt)" "bad.csv line 6 " "the line of the invalid byte"

# import reject reasons in the user's language: every reason of these rows in English under
# LANG=C (no Chinese but the values and the category list), in Chinese otherwise
cat >reasons.csv <<'CSV'
姓名,证件号码,性别,户籍地区划代码,户编号,帮扶类别,联系电话
=cmd,370811199001011236,F,370811,@x,脱贫享受政策人口,12
A,370811199001011236,M,999999,H1,,
B,,M,1234567,H2,nobody,
C,370811199001011245,M,（清空）,H3,脱贫享受政策人口,
CSV
LANG=C bf --db "$db" import people reasons.csv --errors reasons_en.csv >/dev/null
LANG=zh_CN.UTF-8 bf --db "$db" import people reasons.csv --errors reasons_zh.csv >/dev/null
reasons() {
    python3 - "$1" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
col = rows[0].index("错误原因")
for r in rows[1:]:
    print(r[col])
PY
}
en=$(reasons reasons_en.csv)
for text in "name: '=cmd' begins with = + - @" "sex: does not match the ID number (of a man)" \
    "household_id: '@x' begins with" "phone: not a phone number (12)" \
    "id_number: the same as line 2" "hukou_region: the region code 999999 does not exist" \
    "category: required" "id_number: required" "hukou_region: '1234567' is not a valid region code" \
    "category: 'nobody' is not a valid category" "hukou_region: required: it cannot be cleared" \
    "id_number: wrong check character" "; "; do
    expect_contains "$en" "$text" "English reason"
done
if echo "$en" | sed 's/one of .*//' | grep -q '[一-龥]'; then
    fail "Chinese left in English reasons: $en"
fi
zh=$(reasons reasons_zh.csv)
for text in "姓名：“=cmd”以 = + - @ 开头" "证件号码：与第 2 行重复" "户籍地区划代码：必填，不能清空" "；"; do
    expect_contains "$zh" "$text" "Chinese reason"
done

# GBK terminals: text output and messages in GB18030, JSON and exported data in UTF-8
if locale -a 2>/dev/null | grep -qix 'zh_CN.gbk'; then
    LANG=zh_CN.GBK bf --db "$db" region show 370811 >gbk.txt
    # 山东省 in GBK: C9BD B6AB CAA1
    od -An -tx1 gbk.txt | tr -d ' \n' | grep -q "c9bdb6abcaa1" || fail "region show not in GBK: $(od -c gbk.txt | head -3)"
    expect_contains "$(iconv -f GB18030 -t UTF-8 gbk.txt)" "山东省 / 济宁市 / 任城区	县级" "GBK text converted back"
    LANG=zh_CN.GBK bf --db "$db" region show 37081 2>gbk_err.txt && fail "5-digit code accepted"
    expect_contains "$(iconv -f GB18030 -t UTF-8 gbk_err.txt)" "不是区划代码" "GBK message"
    LANG=zh_CN.GBK bf --db "$db" person show 370811199001011236 --json >gbk.json
    python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' gbk.json ||
        fail "person show --json is not UTF-8 on a GBK terminal"
    LANG=zh_CN.GBK bf --db "$db" export people >gbk_export.csv
    expect_contains "$(head -1 gbk_export.csv)" "姓名,证件号码" "export stays UTF-8"
    LANG=zh_CN.GBK bf --db "$db" status >gbk_status.txt
    expect_contains "$(iconv -f GB18030 -t UTF-8 gbk_status.txt)" "登记人员" "status in GBK"
    # on a (pseudo-)terminal the converted stderr is still a terminal: the progress line shows
    if command -v script >/dev/null 2>&1; then
        LANG=zh_CN.GBK script -qec "'$BANGFU' --db '$db' import people ctl.csv" /dev/null >gbk_tty.txt
        iconv -f GB18030 -t UTF-8 gbk_tty.txt | grep -q "导入：" ||
            fail "no progress on a GBK terminal: $(od -c gbk_tty.txt | head -3)"
    fi
else
    echo "SKIP: GBK terminal output: no zh_CN.GBK locale (scripts/setup.sh generates it as root)" >&2
fi

# region levels in the user's language
expect_contains "$(LANG=C bf --db "$db" region show 370811)" "	county" "English level"
expect_contains "$(LANG=C bf --db "$db" region show 370811002)" "	township" "English township"
expect_contains "$(LANG=zh_CN.UTF-8 bf --db "$db" region show 370811)" "	县级" "Chinese level"
echo ok
