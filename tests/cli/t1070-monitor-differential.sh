#!/bin/sh
# bangfu monitor against a model (issue 16 item 4): random people (poverty categories or
# not, hukou in two counties of two provinces) with random spells (overlapping, ended or not,
# at home, in the province, outside, income known or not); the snapshots of three months read
# back by province and by county must equal what a few lines of Python compute, and the
# alerts must list exactly the people who worked the month before and work nowhere now when
# the scale fell.
. "$(dirname "$0")/lib.sh"
db=$(new_db)
cd "$WORK"
seed=${MONITOR_SEED:-$(date +%s)}
echo "seed $seed" >&2
python3 - "$seed" <<'PY'
import json, random, sys
rng = random.Random(int(sys.argv[1]))
weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
def idn(region, seq):
    body = region + "1980%02d%02d" % (seq % 12 + 1, seq % 28 + 1) + "%03d" % (seq % 1000)
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]
villages = ["370811002001", "370811005001", "370830000000", "500101000000"]
people, jobs = [], []
for n in range(80):
    village = rng.choice(villages)
    poor = rng.random() < 0.8
    people.append((idn(village[:6], n + 100), village, "脱贫人口" if poor else "农民工"))
places = ["370811", "370830", "370102", "320102", "500101"]
for pid, village, cat in people:
    starts = rng.sample(range(0, 24), rng.randint(0, 3))
    for s in starts:
        start = "%04d-%02d-%02d" % (2020 + s // 12, s % 12 + 1, rng.randint(1, 28))
        end = ""
        if rng.random() < 0.5:
            e = s + rng.randint(0, 10)
            end = "%04d-%02d-%02d" % (2020 + e // 12, e % 12 + 1, 28)
        income = "" if rng.random() < 0.2 else str(rng.randint(1000, 6000))
        jobs.append((pid, rng.choice(places), start, end, income))
with open("people.csv", "w") as f:
    f.write("姓名,证件号码,户籍地区划代码,帮扶类别\n")
    for i, (pid, village, cat) in enumerate(people):
        f.write("人%d,%s,%s,%s\n" % (i, pid, village, cat))
with open("jobs.csv", "w") as f:
    f.write("证件号码,单位统一社会信用代码,工作地区划代码,就业形式,开始日期,结束日期,月收入（元）\n")
    for pid, place, start, end, income in jobs:
        f.write("%s,91370811MA3C00011L,%s,企业就业,%s,%s,%s\n" % (pid, place, start, end, income))
json.dump({"people": people, "jobs": jobs}, open("model.json", "w"))
PY
printf '统一社会信用代码,单位名称,单位类型,所在地区划代码\n91370811MA3C00011L,济宁某公司,企业,370811\n' >orgs.csv
bf --db "$db" import people people.csv >/dev/null
bf --db "$db" import orgs orgs.csv >/dev/null
expect_contains "$(bf --db "$db" import jobs jobs.csv)" '"rejected":0' "jobs"
for m in 2020-06 2021-05 2021-06; do
    bf --db "$db" monitor snapshot --month $m >/dev/null
done
# model MONTH LEVEL_DIGITS: the table of monitor show (by province: 2, by county under 济宁市 3708: 6)
model() {
    python3 - "$1" "$2" <<'PY'
import calendar, json, sys
d = json.load(open("model.json"))
month, digits = sys.argv[1], int(sys.argv[2])
names = {"37": "山东省", "50": "重庆市", "3708": "济宁市", "370811": "任城区", "370830": "汶上县"}
def workers(m):
    y, mo = int(m[:4]), int(m[5:7])
    first, last = "%s-01" % m, "%s-%02d" % (m, calendar.monthrange(y, mo)[1])
    hukou = {p[0]: p[1] for p in d["people"] if p[2] == "脱贫人口"}
    best = {}
    for pid, place, start, end, income in d["jobs"]:
        if pid in hukou and start <= last and (end == "" or end >= first):
            if pid not in best or start > best[pid][1]:
                best[pid] = (place, start, income)
    out = {}
    for pid, (place, start, income) in best.items():
        h = hukou[pid]
        scope = 0 if h[:6] == place[:6] else 1 if h[:2] == place[:2] else 2
        out[pid] = (h, scope, int(income) * 100 if income else None)
    return out
def counts(w, prefix):
    c = [0, 0, 0, 0, 0]
    for h, scope, fen in w.values():
        if h.startswith(prefix):
            c[scope] += 1
            if fen is not None:
                c[3] += fen
                c[4] += 1
    return c
def avg(c):
    return "" if c[4] == 0 else "%.2f" % (((c[3] * 2 + c[4]) // (c[4] * 2)) / 100)
def pct(b, n):
    return "" if b <= 0 else "%.1f" % ((n - b) * 100.0 / b)
y, mo = int(month[:4]), int(month[5:7])
prev = "%04d-%02d" % ((y, mo - 1) if mo > 1 else (y - 1, 12))
year = "%04d-%02d" % (y - 1, mo)
stored = {"2020-06", "2021-05", "2021-06"}
now, before, ago = workers(month), workers(prev), workers(year)
parent = "" if digits == 2 else "3708"
codes = sorted({h[:digits] for w in (now, before, ago) for h, s, f in w.values() if h.startswith(parent)})
rows = [(parent, "全部" if parent == "" else names[parent])] + [(c, names[c]) for c in codes]
for code, name in rows:
    n = counts(now, code)
    line = [(code + "0" * 12)[:12] if code else "", name, month, str(sum(n[:3])), str(n[0]), str(n[1]), str(n[2]), avg(n)]
    for m, w in ((prev, before), (year, ago)):
        if m in stored:
            b = counts(w, code)
            line += [str(sum(b[:3])), pct(sum(b[:3]), sum(n[:3]))]
        else:
            line += ["", ""]
    for m, w in ((prev, before), (year, ago)):
        b = counts(w, code)
        if m in stored:
            ch = "" if b[4] == 0 or n[4] == 0 else pct(b[3] / b[4], n[3] / n[4])
            line += [avg(b), ch]
        else:
            line += ["", ""]
    print(",".join(line))
PY
}
for m in 2020-06 2021-05 2021-06; do
    expect_eq "$(bf --db "$db" monitor show --month $m | tail -n +2 | tr -d '\r')" "$(model $m 2)" "$m by province (seed $seed)"
done
expect_eq "$(bf --db "$db" monitor show --month 2021-06 --region 3708 | tail -n +2 | tr -d '\r')" "$(model 2021-06 6)" \
    "by county (seed $seed)"
# The people who left work between 2021-05 and 2021-06, as the alerts of the whole list them.
left=$(python3 - <<'PY'
import calendar, json
d = json.load(open("model.json"))
poor = {p[0] for p in d["people"] if p[2] == "脱贫人口"}
def working(m, last):
    return {pid for pid, place, start, end, income in d["jobs"]
            if pid in poor and start <= last and (end == "" or end >= m + "-01")}
before, now = working("2021-05", "2021-05-31"), working("2021-06", "2021-06-30")
# an alert (threshold 0) only when the scale fell
print(" ".join(sorted(before - now)) if len(now) < len(before) else "")
PY
)
alerts=$(bf --db "$db" monitor alerts --month 2021-06 --threshold 0 | tr -d '\r' |
    awk -F, '$1 == "务工规模下降" && $2 == "环比" && $3 == "" { print $9 }' | sort | tr '\n' ' ' | sed 's/ $//')
expect_eq "$alerts" "$left" "the people who left work, when the scale fell (seed $seed)"
echo ok
