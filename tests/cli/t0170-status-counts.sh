#!/bin/sh
# The summary status reads (people_counts) always equals a count over people:
# randomized lists of people (new, changed, emptied, absent columns,
# rejected rows) imported in sequence, the summary compared after each with
# GROUP BY over the registry; status shows the same numbers, and its breakdowns
# (people per single category and per canonical 四清 value, a person counted in
# each of their values) equal a count over people.
. "$(dirname "$0")/lib.sh"
db=$(new_db)

sql() {
    if [ "$ENGINE" = postgresql ]; then
        psql -qAt "$db" -c "$1"
    else
        sqlite3 "$db" "$1"
    fi
}

# What people_counts must hold, counted from people.
expected="SELECT 'people', '', COUNT(*) FROM people
UNION ALL SELECT 'households', '', COUNT(DISTINCT household_id) FROM people WHERE household_id <> ''"
for f in categories labor_ability employment_status employment_wish training_wish difficulties; do
    expected="$expected
UNION ALL SELECT '$f', COALESCE($f, ''), COUNT(*) FROM people GROUP BY COALESCE($f, '')"
done

# random_list FILE SEED: up to 300 people out of a pool of 500, random values.
random_list() {
    python3 - "$1" "$2" <<'PY'
import datetime, random, sys
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
C = "10X98765432"
rng = random.Random(int(sys.argv[2]))
vocab = {
    "帮扶类别": ["脱贫享受政策人口", "建档立卡贫困人口", "防止返贫监测对象", "脱贫享受政策人口；易地扶贫搬迁人口"],
    "户编号": ["", "H1", "H2", "H3", "H4", "H5"],
    "劳动能力": ["", "有劳动能力", "弱劳动能力", "无劳动能力", "半劳动力", "普通劳动力"],
    "就业状态": ["", "未就业", "县外务工", "县内务工", "务农", "务工"],
    "就业意愿": ["", "无就业意愿", "有就近就业意愿", "有外出务工意愿", "有"],
    "培训意愿": ["", "有培训意愿", "无培训意愿", "否"],
    "就业困难": ["", "缺乏技能", "年龄偏大", "家庭照护", "缺技能、年龄大", "照顾家庭；缺乏技能"],
}
# The first list (into the empty registry, whose households are counted as they are added)
# always has 户编号.
first = sys.argv[2] == "1"
columns = ["姓名", "证件号码", "户籍地区划代码"] + [
    c for c in vocab if rng.random() < 0.8 or c == "帮扶类别" or (c == "户编号" and first)]
out = open(sys.argv[1], "w", encoding="utf-8")
out.write(",".join(columns) + "\n")
start = datetime.date(1960, 1, 1)
for i in rng.sample(range(500), rng.randint(1, 300)):
    s17 = "370811%s%03d" % ((start + datetime.timedelta(days=i * 7)).strftime("%Y%m%d"), i % 1000)
    row = {"姓名": "人员%d" % i, "证件号码": s17 + C[sum(int(a) * b for a, b in zip(s17, W)) % 11],
           "户籍地区划代码": "370811"}
    for c in vocab:
        row[c] = rng.choice(vocab[c])
    if rng.random() < 0.05:
        row["证件号码"] = s17 + "Z"  # rejected
    out.write(",".join(row[c] for c in columns) + "\n")
PY
}

for round in 1 2 3 4 5 6 7 8; do
    random_list "$WORK/list$round.csv" "$round"
    bf --db "$db" import people "$WORK/list$round.csv" >/dev/null 2>&1 || fail "import of round $round"
    want=$(sql "$expected" | sort)
    got=$(sql "SELECT field, value, people FROM people_counts WHERE people > 0 OR field IN ('people', 'households')" | sort)
    expect_eq "$got" "$want" "people_counts after round $round"
done

status=$(bf --db "$db" status --json)
expect_eq "$(json_get "$status" people)" "$(sql "SELECT COUNT(*) FROM people")" "status people"
expect_eq "$(json_get "$status" households)" \
    "$(sql "SELECT COUNT(DISTINCT household_id) FROM people WHERE household_id <> ''")" "status households"
# The breakdowns: people per single value, counted over the stored people.
sql "SELECT categories, labor_ability, employment_status, employment_wish, training_wish, difficulties FROM people" >"$WORK/people.txt"
printf '%s' "$status" >"$WORK/status.json"
python3 - "$WORK/people.txt" "$WORK/status.json" <<'PY' || fail "status breakdowns differ from a count over people"
import collections, json, sys
fields = ["categories", "labor_ability", "employment_status", "employment_wish", "training_wish", "difficulties"]
want = {f: collections.Counter() for f in fields}
for line in open(sys.argv[1], encoding="utf-8"):
    for f, value in zip(fields, line.rstrip("\n").split("|")):
        for item in value.split("；") if value else ["(empty)"]:
            want[f][item] += 1
status = json.load(open(sys.argv[2], encoding="utf-8"))["breakdowns"]
bad = 0
for f in fields:
    got = collections.Counter({v["label"]: v["people"] for v in status[f]["values"] if v["people"]})
    if status[f]["empty"]:
        got["(empty)"] = status[f]["empty"]
    if got != want[f] or status[f]["not_in_list"] or status[f]["synonyms"]:
        print(f, "status:", dict(got), "people:", dict(want[f]), status[f]["not_in_list"])
        bad = 1
sys.exit(bad)
PY
text=$(bf --db "$db" status)
expect_contains "$text" "按帮扶类别（属多个类别的人每类各计一次）：
  帮扶类别 " "labelled category columns"
expect_contains "$text" "按劳动能力：
  劳动能力      代码       人数    占比
  有劳动能力    able" "labelled 四清 columns"
expect_contains "$(LANG=C bf --db "$db" status)" "  labor_ability             code     people   share
  able to work              able" "labelled columns in English"
echo ok
