#!/usr/bin/env python3
"""case_store.py: a policy case (tests/policy/<document>/<case>.json) put into storage, for
t0320's `calc --person` check against the case's hand-computed expectations.

  case_store.py sql CASE      SQL (one statement a line) storing the case's people, orgs and
                              facts; a person without id_number gets one (hukou, birth date,
                              a serial, the check digit), an org a 统一社会信用代码
  case_store.py params CASE   one line per parameter value: NAME REGION FROM --value V | --to D
  case_store.py person CASE   the ID number of the case's first person, and the period
  case_store.py check CASE OUT  compares calc's output with the expectations, ids mapped
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from policy_cases import check_list  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fact_rows import credit_code, insert  # noqa: E402

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def canonical(region):
    return (region + "0" * 12)[:12] if region else None


def id_number(person, serial):
    if person.get("id_number"):
        return person["id_number"]
    birth = person.get("birth_date", "1980-01-01").replace("-", "")
    odd = person.get("sex") in ("女", "female")
    body = person["hukou_region"][:6] + birth + "%02d%d" % (serial, 2 if odd else 1)
    total = sum(int(c) * w for c, w in zip(body, ID_WEIGHTS))
    return body + "10X98765432"[total % 11]


def mapping(situation):
    ids = {o["id"]: credit_code("370800", i + 1) for i, o in enumerate(situation.get("orgs", []))}
    for i, p in enumerate(situation.get("people", [])):
        ids[p["id"]] = id_number(p, i + 1)
    return ids


def fen(value):
    return None if value is None else round(value * 100)


def tenths(value):
    return None if value is None else round(value * 10)


def sql(situation):
    ids = mapping(situation)
    out = []
    for o in situation.get("orgs", []):
        out.append(insert("orgs", {"org_code": ids[o["id"]], "name": o.get("name", o["id"]),
                                   "kind": o["kind"], "region": canonical(o.get("region")) or
                                   "370800000000", "staff": o.get("staff"),
                                   "free_premises": o.get("free_premises", False)}))
    for p in situation.get("people", []):
        person = ids[p["id"]]
        birth = p.get("birth_date") or "%s-%s-%s" % (person[6:10], person[10:12], person[12:14])
        sex = "女" if int(person[16]) % 2 == 0 else "男"
        out.append(insert("people", {"id_number": person, "name": p.get("name", p["id"]),
                                     "sex": sex, "birth_date": birth,
                                     "hukou_region": canonical(p["hukou_region"]),
                                     "categories": "；".join(p.get("categories", [])),
                                     "three_no": p.get("three_no", False),
                                     "wants_job": p.get("wants_job", False)}))
        for j in p.get("jobs", []):
            if j.get("organized") and not j.get("agency"):
                sys.exit("job %s: organized without an agency cannot be stored" % j["id"])
            out.append(insert("jobs", {
                "id_number": person, "employer": ids.get(j.get("employer"), ""),
                "start_date": j["start"], "end_date": j.get("end"),
                "region": canonical(j["region"]), "kind": j["kind"],
                "contract_months": j.get("contract_months"),
                "insurance_months": j.get("social_insurance_months"),
                "hours_tenths": tenths(j.get("hours_per_month")),
                "agency": ids.get(j.get("agency")), "travel_cost": fen(j.get("travel_cost"))}))
        for t in p.get("trainings", []):
            out.append(insert("trainings", {
                "id_number": person, "provider": ids.get(t.get("provider"), ""),
                "kind": t["kind"], "start_date": t["start"], "end_date": t["end"],
                "region": canonical(t.get("region")), "days": t.get("days"),
                "total_hours_tenths": tenths(t.get("total_hours")),
                "online_hours_tenths": tenths(t.get("online_hours")),
                "certificate": t.get("certificate") or None, "cost": fen(t.get("cost"))}))
        for e in p.get("enrolments", []):
            out.append(insert("enrolments", {
                "id_number": person, "school_kind": e["kind"], "start_date": e["start"],
                "end_date": e.get("end"), "school_region": canonical(e.get("region")),
                "full_time": e.get("full_time", False)}))
        if p.get("residence"):
            out.append(insert("residences", {"id_number": person, "site": ids[p["residence"]]}))
        if p.get("insured"):
            out.append(insert("insurance", {"id_number": person, "scheme": "unemployment",
                                            "status": "paying"}))
    return "\n".join(out)


def params(situation):
    lines = []
    for name, values in situation.get("parameters", {}).items():
        for v in values:
            if "to" in v:
                what = "--to %s" % v["to"] if v["to"] else ""
            elif v.get("value") is None:
                what = "--end"
            else:
                what = "--value %s" % v["value"]
            lines.append("%s %s %s %s" % (name, v["region"], v["from"], what))
    return "\n".join(lines)


def check(case, output):
    ids = mapping(case["situation"])
    scope = case.get("scope", "")
    wants = []
    for w in case["expect"].get("entitlements", []):
        w = dict(w)
        for key in ("person", "payee"):
            if key in w and w[key] in ids:
                w[key] = ids[w[key]]
        wants.append(w)
    gots = [g for g in output["entitlements"] if g["benefit"].startswith(scope)]
    problems = []
    check_list("entitlements", wants, gots, case["expect"].get("exact", False), problems)
    if not wants:
        problems.append("the case expects no entitlement: pick another")
    return problems


def main():
    action, path = sys.argv[1], sys.argv[2]
    case = json.load(open(path))
    situation = case["situation"]
    if action == "sql":
        print(sql(situation))
    elif action == "params":
        print(params(situation))
    elif action == "person":
        period = situation["period"]
        print(mapping(situation)[situation["people"][0]["id"]], period["from"], period["to"])
    elif action == "check":
        problems = check(case, json.load(open(sys.argv[3])))
        for p in problems:
            print(p)
        sys.exit(1 if problems else 0)


main()
