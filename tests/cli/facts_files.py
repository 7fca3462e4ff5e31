#!/usr/bin/env python3
"""facts_files.py SEED PEOPLE_CSV DIR: the import files (Chinese headers, the forms clerks write)
giving the people of PEOPLE_CSV (`bangfu generate people`, 万州区 500101) the facts of migration
0007 -- organisations in 济宁 任城区 (370811) and 万州, of which a workshop and a base with 10+
hires each; jobs (a third of the people), trainings, enrolments, residences at a relocation
site, insurance -- as DIR/orgs.csv, jobs.csv, trainings.csv, enrolments.csv, residences.csv and
insurance.csv for `bangfu import KIND`, and DIR/people.csv: the same people with 帮扶类别, 三无
and 有就业意愿 set, for the calc over stored data tests (t0320).  The same seed gives the same
files."""
import csv
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fact_rows import credit_code  # noqa: E402

KIND_WORDS = {"workshop": "就业帮扶车间", "base": "就业扶贫基地", "enterprise": "企业",
              "agency": "人力资源服务机构", "training_institution": "培训机构",
              "relocation_site": "易地搬迁安置区"}


def yuan(fen):
    """fen as the yuan a clerk writes (450, 1200.5), '' for None."""
    return "" if fen is None else ("%d" % (fen // 100) if fen % 100 == 0 else "%.2f" % (fen / 100))


def tenths(value):
    """Tenths of an hour as hours ('80', '80.5'), '' for None."""
    return "" if value is None else ("%d" % (value // 10) if value % 10 == 0 else "%.1f" % (value / 10))


def text(value):
    return "" if value is None else str(value)


def write(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header] + rows)


def main():
    rng = random.Random(int(sys.argv[1]))
    with open(sys.argv[2], encoding="utf-8-sig") as f:
        table = list(csv.reader(f))
    out = sys.argv[3]
    os.makedirs(out, exist_ok=True)
    header, people = table[0], sorted(table[1:], key=lambda row: row[table[0].index("证件号码")])
    key, categories = header.index("证件号码"), header.index("帮扶类别")
    jining, wanzhou = "370811", "500101"
    orgs = {
        "workshop": (credit_code(jining, 1), "workshop", jining, 30, 1),
        "base": (credit_code(jining, 2), "base", jining, 60, 0),
        "enterprise": (credit_code(jining, 3), "enterprise", jining, 200, 0),
        "agency": (credit_code(jining, 4), "agency", jining, 8, 0),
        "school": (credit_code(jining, 5), "training_institution", jining, 20, 0),
        "site": (credit_code(wanzhou, 6), "relocation_site", wanzhou, None, 0),
        "local": (credit_code(wanzhou, 7), "workshop", wanzhou, 12, 1),
        "lonely": (credit_code(jining, 8), "enterprise", jining, 5, 0),
    }
    write(os.path.join(out, "orgs.csv"),
          ["统一社会信用代码", "单位名称", "单位类型", "所在地区划代码", "职工人数", "免费提供场地"],
          [[code, "单位" + name, KIND_WORDS[kind], region, text(staff), "是" if free else "否"]
           for name, (code, kind, region, staff, free) in orgs.items()])
    jobs, trainings, enrolments, residences, insurance = [], [], [], [], []
    employers = ["workshop"] * 12 + ["base"] * 14 + ["enterprise"] * 6 + ["local"] * 4
    for i, row in enumerate(people):
        person = row[key]
        if i < len(employers):
            where = employers[i]
            code, kind, region = orgs[where][0], orgs[where][1], orgs[where][2]
            month = 1 + rng.randrange(9)
            end = None if rng.randrange(3) else "2020-%02d-28" % min(12, month + 2 + rng.randrange(6))
            jobs.append([person, code, region, kind if kind in ("workshop", "base") else "enterprise",
                         "2020-%02d-01" % month, text(end),
                         text(rng.choice([None, 6, 12, 24])), text(rng.choice([None, 3, 9])),
                         yuan(250000), "",
                         orgs["agency"][0] if rng.randrange(2) else "",
                         yuan(rng.choice([None, 45000, 120050]))])
        elif i % 7 == 0:
            kind = rng.choice(["agriculture", "self_employed", "public_welfare_post"])
            # Only 务农 and 自主创业 go without an employer: a post's is the local workshop.
            employer = orgs["local"][0] if kind == "public_welfare_post" else ""
            jobs.append([person, employer, wanzhou, kind, "2020-02-15", "", "", "", "",
                         tenths(rng.choice([None, 805])), "", ""])
        if i % 5 == 1:
            month = 1 + rng.randrange(10)
            trainings.append([person, orgs["school"][0], rng.choice(["skill", "online", "pre_job"]),
                              jining, "2020-%02d-03" % month, "2020-%02d-20" % month,
                              text(rng.choice([None, 10, 15])), tenths(800),
                              tenths(rng.choice([None, 200])),
                              text(rng.choice([None, "初级", "中级", "高级"])),
                              yuan(rng.choice([None, 150000, 300000]))])
        if i % 11 == 3:
            enrolments.append([person, rng.choice(["technical_school", "secondary_vocational"]),
                               jining, "是", "2019-09-01", text(rng.choice([None, "2022-06-30"]))])
        if i % 4 == 2:
            residences.append([person, orgs["site"][0], "2019-05-01"])
        if i % 3 == 0:
            insurance.append([person, "unemployment", rng.choice(["paying", "suspended"]),
                              "2019-01-01"])
        if i % 3 != 2:
            row[categories] = "建档立卡贫困人口；易地扶贫搬迁人口" if i % 4 == 2 else "建档立卡贫困人口"
        # 三无 and 有就业意愿: stated for some, left unsaid (empty) for the others.
        row += ["是" if i % 6 == 5 else "", "是" if i % 6 in (4, 5) else ""]
    write(os.path.join(out, "people.csv"), header + ["三无", "有就业意愿"], people)
    write(os.path.join(out, "jobs.csv"),
          ["证件号码", "单位统一社会信用代码", "工作地区划代码", "就业形式", "开始日期", "结束日期",
           "劳动合同期限（月）", "参保月数", "月收入（元）", "每月工时", "输出机构统一社会信用代码",
           "交通费用（元）"], jobs)
    write(os.path.join(out, "trainings.csv"),
          ["证件号码", "培训机构统一社会信用代码", "培训类型", "培训地区划代码", "开始日期",
           "结束日期", "培训天数", "总课时", "线上学时", "证书等级", "培训费用（元）"], trainings)
    write(os.path.join(out, "enrolments.csv"),
          ["证件号码", "学校类型", "学校地区划代码", "全日制", "入学日期", "毕业日期"], enrolments)
    write(os.path.join(out, "residences.csv"), ["证件号码", "安置区统一社会信用代码", "入住日期"],
          residences)
    write(os.path.join(out, "insurance.csv"), ["证件号码", "险种", "参保状态", "参保日期"], insurance)


main()
