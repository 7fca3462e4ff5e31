#!/usr/bin/env python3
"""bench/situation_gen.py PEOPLE [SEED] > situation.json

Writes a `bangfu calc` situation (docs/policy-format.md) of PEOPLE generated
people for 2020: hukou in 万州, Shanxi counties and 济宁; one or two jobs each
(employer, agency, region, kind, dates, contract and insurance months, travel
cost), a training for about one in three (provider, days, total and online
hours, certificate, cost), one org per 250 people (at least 400: enterprises,
workshops, bases, agencies, training institutions), and a value for every
parameter the policies/ files declare.  Deterministic for a seed.  Written as
a stream, so 1M people need little memory here.
"""
import datetime
import os
import random
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
HUKOU = ["500101", "140922", "140925", "141126", "370811", "370826", "370882"]
WORKPLACES = ["370811", "370812", "370826", "370882", "140105", "140922", "500101", "440305", "110105"]
ORG_KINDS = ["enterprise"] * 6 + ["workshop", "workshop", "base", "agency", "training_institution"]
JOB_KINDS = ["enterprise"] * 6 + ["workshop", "base", "public_welfare_post", "self_employed"]
CERTIFICATES = [None, None, "初级", "中级", "高级"]
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]  # ID number check weights
CHECK = "10X98765432"


def parameters():
    """Every declared parameter: (name, unit), read from the policies/ files."""
    found = []
    folder = os.path.join(ROOT, "policies")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".lua"):
            continue
        text = open(os.path.join(folder, name), encoding="utf-8").read()
        for block in re.findall(r"^parameter\s*\{(.*?)^\}", text, re.S | re.M):
            pname = re.search(r'\bname\s*=\s*"([^"]+)"', block)
            unit = re.search(r'\bunit\s*=\s*"([^"]+)"', block)
            if pname and unit and pname.group(1) not in [n for n, _ in found]:
                found.append((pname.group(1), unit.group(1)))
    return found


def id_number(rng, region, birth):
    body = "%s%s%03d" % (region, birth.replace("-", ""), rng.randrange(1000))
    total = sum(int(c) * w for c, w in zip(body, WEIGHTS))
    return body + CHECK[total % 11]


def day(rng, year_from, year_to):
    return "%04d-%02d-%02d" % (rng.randint(year_from, year_to), rng.randint(1, 12), rng.randint(1, 28))


def main():
    people = int(sys.argv[1])
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 20200427)
    out = sys.stdout
    org_count = max(400, people // 250)
    orgs = []
    out.write('{"period": {"from": "2020-01", "to": "2020-12"},\n"parameters": {')
    for k, (name, unit) in enumerate(parameters()):
        out.write(",\n" if k else "\n")
        if unit == "window":
            value = '{"region": "%s", "from": "2020-01-24", "to": "2020-06-30"}'
        elif unit in ("persons", "months"):
            value = '{"region": "%s", "from": "2019-01-01", "value": 6}'
        else:
            value = '{"region": "%s", "from": "2019-01-01", "value": 1730}'
        out.write('  "%s": [%s]' % (name, ", ".join(value % p for p in ("14", "37", "50"))))
    out.write("},\n\"orgs\": [")
    for o in range(org_count):
        kind = ORG_KINDS[o % len(ORG_KINDS)]
        orgs.append((o, kind))
        out.write(",\n" if o else "\n")
        out.write('{"id": "o%d", "kind": "%s", "region": "%s", "staff": %d, "free_premises": %s}'
                  % (o, kind, rng.choice(WORKPLACES), rng.randint(5, 500),
                     "true" if kind == "workshop" and rng.random() < 0.5 else "false"))
    employers = [o for o, kind in orgs if kind in ("enterprise", "workshop", "base")]
    agencies = [o for o, kind in orgs if kind == "agency"]
    providers = [o for o, kind in orgs if kind == "training_institution"]
    out.write("],\n\"people\": [")
    job = training = 0
    for p in range(people):
        hukou = rng.choice(HUKOU)
        birth = day(rng, 1960, 2002)
        parts = ['"id": "p%d"' % p, '"id_number": "%s"' % id_number(rng, hukou, birth),
                 '"hukou_region": "%s"' % hukou,
                 '"categories": ["建档立卡贫困人口"]' if rng.random() < 0.85 else '"categories": []',
                 '"insured": %s' % ("true" if rng.random() < 0.6 else "false"),
                 '"wants_job": true']
        jobs = []
        for _ in range(1 if rng.random() < 0.7 else 2):
            start = day(rng, 2019, 2020)
            end = "null" if rng.random() < 0.5 else '"%s"' % day(rng, 2020, 2021)
            if end != "null" and end[1:-1] < start:
                end = "null"
            agency = ', "agency": "o%d"' % rng.choice(agencies) if rng.random() < 0.3 else ""
            jobs.append('{"id": "j%d", "employer": "o%d", "region": "%s", "kind": "%s", "start": "%s", '
                        '"end": %s, "contract_months": %d, "social_insurance_months": %d, '
                        '"organized": %s%s, "travel_cost": %d}'
                        % (job, rng.choice(employers), rng.choice(WORKPLACES), rng.choice(JOB_KINDS),
                           start, end, rng.choice([0, 3, 6, 12, 24]), rng.randint(0, 24),
                           "true" if rng.random() < 0.4 else "false", agency, rng.randint(0, 2000)))
            job += 1
        parts.append('"jobs": [%s]' % ", ".join(jobs))
        if rng.random() < 1 / 3:
            start = day(rng, 2020, 2020)
            days = rng.randint(5, 60)
            end = (datetime.date.fromisoformat(start) + datetime.timedelta(days=days - 1)).isoformat()
            total = days * 80
            cert = rng.choice(CERTIFICATES)
            parts.append('"trainings": [{"id": "t%d", "provider": "o%d", "kind": "skill", "region": "%s", '
                         '"start": "%s", "end": "%s", "days": %d, "total_hours": %d, "online_hours": %d%s, '
                         '"cost": %d}]'
                         % (training, rng.choice(providers), rng.choice(WORKPLACES), start, end, days,
                            total // 10, rng.randint(0, total // 20),
                            ', "certificate": "%s"' % cert if cert else "", rng.randint(500, 3000)))
            training += 1
        out.write(",\n" if p else "\n")
        out.write("{" + ", ".join(parts) + "}")
    out.write("]}\n")


if __name__ == "__main__":
    main()
