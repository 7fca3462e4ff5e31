#!/usr/bin/env python3
"""facts_sql.py SEED < id_numbers: SQL statements (one a line) giving the stored people of
万州区 (500101) the facts of migration 0007 -- organisations in 济宁 任城区 (370811) and 万州,
of which a workshop and a base with 10+ hires each; jobs (a third of the people), trainings,
enrolments, residences at a relocation site, insurance, three_no and wants_job -- for the calc
over stored data tests (t0900 ledger; t0320 loads its facts through the imports, facts_files.py).  The same
seed gives the same statements; they run unchanged on SQLite and PostgreSQL."""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fact_rows import credit_code, insert, q  # noqa: E402


def main():
    rng = random.Random(int(sys.argv[1]))
    people = [line.strip() for line in sys.stdin if line.strip()]
    jining, wanzhou = "370811", "500101"
    orgs = {
        "workshop": (credit_code(jining, 1), "workshop", jining + "000000", 30, 1),
        "base": (credit_code(jining, 2), "base", jining + "000000", 60, 0),
        "enterprise": (credit_code(jining, 3), "enterprise", jining + "000000", 200, 0),
        "agency": (credit_code(jining, 4), "agency", jining + "000000", 8, 0),
        "school": (credit_code(jining, 5), "training_institution", jining + "000000", 20, 0),
        "site": (credit_code(wanzhou, 6), "relocation_site", wanzhou + "000000", None, 0),
        "local": (credit_code(wanzhou, 7), "workshop", wanzhou + "000000", 12, 1),
        "lonely": (credit_code(jining, 8), "enterprise", jining + "000000", 5, 0),
    }
    out = []
    for name, (code, kind, region, staff, free) in orgs.items():
        out.append(insert("orgs", {"org_code": code, "name": "单位" + name, "kind": kind,
                                   "region": region, "staff": staff, "free_premises": free}))
    employers = ["workshop"] * 12 + ["base"] * 14 + ["enterprise"] * 6 + ["local"] * 4
    for i, person in enumerate(people):
        if i < len(employers):
            where = employers[i]
            code, kind, region = orgs[where][0], orgs[where][1], orgs[where][2]
            month = 1 + rng.randrange(9)
            end = None if rng.randrange(3) else "2020-%02d-28" % min(12, month + 2 + rng.randrange(6))
            out.append(insert("jobs", {
                "id_number": person, "employer": code, "start_date": "2020-%02d-01" % month,
                "end_date": end, "region": region,
                "kind": kind if kind in ("workshop", "base") else "enterprise",
                "contract_months": rng.choice([None, 6, 12, 24]),
                "insurance_months": rng.choice([None, 3, 9]),
                "monthly_income": 250000, "hours_tenths": None,
                "agency": orgs["agency"][0] if rng.randrange(2) else None,
                "travel_cost": rng.choice([None, 45000, 120050])}))
        elif i % 7 == 0:
            out.append(insert("jobs", {
                "id_number": person, "employer": "", "start_date": "2020-02-15",
                "end_date": None, "region": wanzhou + "000000",
                "kind": rng.choice(["agriculture", "self_employed", "public_welfare_post"]),
                "contract_months": None, "insurance_months": None, "monthly_income": None,
                "hours_tenths": rng.choice([None, 805]), "agency": None, "travel_cost": None}))
        if i % 5 == 1:
            month = 1 + rng.randrange(10)
            out.append(insert("trainings", {
                "id_number": person, "provider": orgs["school"][0],
                "kind": rng.choice(["skill", "online", "pre_job"]),
                "start_date": "2020-%02d-03" % month, "end_date": "2020-%02d-20" % month,
                "region": jining + "000000", "days": rng.choice([None, 10, 15]),
                "total_hours_tenths": 800, "online_hours_tenths": rng.choice([None, 200]),
                "certificate": rng.choice([None, "初级", "中级", "高级"]),
                "cost": rng.choice([None, 150000, 300000])}))
        if i % 11 == 3:
            out.append(insert("enrolments", {
                "id_number": person, "school_kind": rng.choice(["technical_school",
                                                              "secondary_vocational"]),
                "start_date": "2019-09-01", "end_date": rng.choice([None, "2022-06-30"]),
                "school_region": jining + "000000", "full_time": 1, "school_name": None}))
        if i % 4 == 2:
            out.append(insert("residences", {"id_number": person, "site": orgs["site"][0],
                                             "since": "2019-05-01"}))
        if i % 3 == 0:
            out.append(insert("insurance", {"id_number": person, "scheme": "unemployment",
                                            "status": rng.choice(["paying", "suspended"]),
                                            "since": "2019-01-01"}))
        if i % 3 != 2:
            out.append("UPDATE people SET categories = %s WHERE id_number = %s"
                       % (q("建档立卡贫困人口；易地扶贫搬迁人口" if i % 4 == 2 else "建档立卡贫困人口"),
                          q(person)))
        if i % 6 == 5:
            out.append("UPDATE people SET three_no = 1, wants_job = 1 WHERE id_number = %s"
                       % q(person))
        elif i % 6 == 4:
            out.append("UPDATE people SET wants_job = 1 WHERE id_number = %s" % q(person))
    print("\n".join(s if s.endswith(";") else s + ";" for s in out))


main()
