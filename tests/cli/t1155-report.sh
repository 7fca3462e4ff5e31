#!/bin/sh
# 附件1 through the real server: the table of the user's region and quarter is
# the CLI's (`bangfu report fujian1 --format json|csv`), as JSON for the page
# and as XLSX or CSV to download; the officer of another county gets that
# county's table; a bad quarter or format is refused.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web_lib.sh"
db=$(new_db)
. "$(dirname "$0")/report_data.sh"
report_data_load
pw='Gongzuo-2024!'
echo "$pw" | bf --db "$db" user add rencheng --name 任城查看 --region 370811 --roles 查看员
echo "$pw" | bf --db "$db" user add yanzhou --name 兖州查看 --region 370812 --roles 查看员
bf --db "$db" report fujian1 --region 370811 --quarter 2023Q3 --format json >rencheng.json
bf --db "$db" report fujian1 --region 370811 --quarter 2023Q3 --format csv >rencheng.csv
bf --db "$db" report fujian1 --region 370812 --quarter 2023Q3 --format json >yanzhou.json
serve_start
python3 - "$url" "$pw" <<'PY'
import json, sys
from web_client import Client, check
url, pw = sys.argv[1:3]
rencheng, yanzhou = Client(url), Client(url)
check(rencheng.login("rencheng", pw).status == 200, "login")
check(yanzhou.login("yanzhou", pw).status == 200, "login")
r = rencheng.get("/api/reports/annex1?quarter=2023Q3")
check(r.status == 200, "annex1: %r" % r)
check(r.json() == json.load(open("rencheng.json", encoding="utf-8")), "the CLI's table")
check(r.json()["rows"][0][0] == "任城区", "the county's row first: %r" % r.json()["rows"][0])
y = yanzhou.get("/api/reports/annex1?quarter=2023Q3").json()
check(y == json.load(open("yanzhou.json", encoding="utf-8")) and y["rows"][0][0] == "兖州区",
      "another county's own table")
x = rencheng.get("/api/reports/annex1?quarter=2023Q3&format=xlsx")
check(x.status == 200 and x.body[:2] == b"PK" and "spreadsheetml" in x.header("Content-Type"),
      "xlsx: %r" % x)
# Saved as 附件1_2023Q3.xlsx (RFC 6266/8187), whatever the page's link says.
check(x.header("Content-Disposition") == "attachment; filename=\"__1_2023Q3.xlsx\"; "
      "filename*=UTF-8''%E9%99%84%E4%BB%B61_2023Q3.xlsx", "its name: %r" % x.header("Content-Disposition"))
c = rencheng.get("/api/reports/annex1?quarter=2023Q3&format=csv")
check(c.body.decode("utf-8-sig") == open("rencheng.csv", encoding="utf-8-sig", newline="").read(),
      "csv: the CLI's table (the file has a BOM for Excel)")
for bad in ("quarter=2023Q5", "quarter=2023Q3&format=pdf", ""):
    check(rencheng.get("/api/reports/annex1?" + bad).status == 400, "refused: " + bad)
PY
serve_stop
echo ok
