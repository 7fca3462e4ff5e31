#!/bin/sh
# Projects and public-welfare posts through the real server (route_project.c): the projects of
# the user's region are the CLI's 附件2 list (`project list --region --date`) and its posts
# the CLI's export (`export posts --region`), row for row; another county's never show; a list
# is paged by ?limit and ?offset (more says a next page), a bad day or limit is a 400 naming it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web_lib.sh"
db=$(new_db)
cd "$WORK"
cat >projects.csv <<'CSV'
项目编号,项目名称,项目类型,所在地区划代码,项目简介,开始日期,结束日期,带动就业人数,带动脱贫人口就业人数,省乡村振兴重点帮扶县,易地搬迁安置区,黄河滩区居民迁建安置区,项目联系人,联系电话,备注
YG-1,唐口街道道路以工代赈,以工代赈,370811,硬化道路,2023-11-01,2024-03-31,30,10,是,否,是,王强,13853700001,
JB-1,帮扶车间扩建,就业帮扶项目,370811,,2023-10-20,,20,,,,,,,
WZ-1,万州道路以工代赈,以工代赈,500101,,2023-10-01,,12,3,,,,,,
CSV
bf --db "$db" import projects projects.csv >/dev/null
cat >posts.csv <<'CSV'
岗位编号,岗位名称,岗位类别,岗位类型,所在村区划代码,全日制,资金来源,月补贴标准（元）,设岗日期,撤岗日期
P001,村庄保洁员,乡村公益性岗位,保洁,370811002201,是,扶贫专项资金,990,2020-03-01,
P002,防疫卡点,临时公益岗位,卡点值守,370811002205,否,统筹整合资金,600.5,2020-02-01,2020-06-30
P003,护路员,乡村公益性岗位,公路养护,500101017200,是,协作资金,990,,
CSV
bf --db "$db" import posts posts.csv >/dev/null
pw='Gongzuo-2024!'
echo "$pw" | bf --db "$db" user add rencheng --name 任城查看 --region 370811 --roles 查看员
echo "$pw" | bf --db "$db" user add wanzhou --name 万州查看 --region 500101 --roles 查看员
bf --db "$db" project list --region 370811 --date 2024-01-01 --out projects_rc.csv
bf --db "$db" export posts --region 370811 --out posts_rc.csv 2>/dev/null
serve_start
python3 - "$url" "$pw" <<'PY'
import csv, sys
from web_client import Client, check
url, pw = sys.argv[1:3]
rc, wz = Client(url), Client(url)
check(rc.login("rencheng", pw).status == 200 and wz.login("wanzhou", pw).status == 200, "login")
table = lambda r: [r["columns"]] + r["rows"]
cli = lambda name: list(csv.reader(open(name, encoding="utf-8-sig")))
p = rc.get("/api/projects?date=2024-01-01").json()
check(table(p) == cli("projects_rc.csv") and p["date"] == "2024-01-01" and not p["more"],
      "the CLI's 附件2 list: %r" % p)
check("WZ-1" not in str(p) and "WZ-1" in str(wz.get("/api/projects").json()["rows"]), "by region")
posts = rc.get("/api/posts").json()
check(table(posts) == cli("posts_rc.csv") and len(posts["rows"]) == 2, "the CLI's export: %r" % posts)
check("P003" not in str(posts) and [r[0] for r in wz.get("/api/posts").json()["rows"]] == ["P003"],
      "another county's posts never show")
first = rc.get("/api/posts?limit=1").json()
second = rc.get("/api/posts?limit=1&offset=1").json()
check(first["more"] and not second["more"] and first["rows"] + second["rows"] == posts["rows"],
      "paged: %r %r" % (first, second))
for bad in ("/api/posts?limit=0", "/api/projects?limit=9999", "/api/projects?date=2024-02-30"):
    r = rc.get(bad)
    check(r.status == 400, "%s refused: %r" % (bad, r))
check(rc.get("/api/projects?date=x").json()["field"] == "date", "the field named")
PY
serve_stop
echo ok
