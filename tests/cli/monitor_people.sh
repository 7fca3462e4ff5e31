# tests/cli/monitor_people.sh - sourced by the monitoring, governance and quality tests
# (t1050-t1099): writes people.csv of six laborers with valid ID numbers in two townships of
# 任城区 (许庄街道 370811002, 李营街道 370811005) and in 万州区, and orgs.csv of one enterprise,
# and defines id_of NAME (the ID number of a person of that file).
python3 - <<'PY'
weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
def idn(region, birth, seq):
    body = region + birth + "%03d" % seq
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]
people = [
    ("张一", idn("370811", "19800101", 11), "370811002001", "H001", "脱贫人口", "有劳动能力", "务工", "有", "电焊", "缺技能"),
    ("李二", idn("370811", "19850202", 22), "370811002001", "H001", "建档立卡贫困人口", "有劳动能力", "务工", "有", "", ""),
    ("王三", idn("370811", "19900303", 33), "370811005001", "H002", "防止返贫监测对象", "弱劳动能力", "", "有", "", "缺技能"),
    ("陈四", idn("370811", "19700404", 44), "370811005001", "H003", "农民工", "有劳动能力", "务工", "", "", ""),
    ("刘五", idn("500101", "19750505", 55), "500101000000", "H004", "即时帮扶人口", "有劳动能力", "务工", "有", "种植", "缺少岗位信息"),
    ("赵六", idn("370811", "19600606", 66), "370811002001", "H005", "脱贫人口", "无劳动能力", "", "", "", ""),
]
with open("people.csv", "w") as f:
    f.write("姓名,证件号码,户籍地区划代码,户编号,帮扶类别,劳动能力,就业状态,就业意愿,技能,就业困难\n")
    for p in people:
        f.write(",".join(p) + "\n")
with open("ids.txt", "w") as f:
    for p in people:
        f.write("%s %s\n" % (p[0], p[1]))
with open("orgs.csv", "w") as f:
    f.write("统一社会信用代码,单位名称,单位类型,所在地区划代码\n91370811MA3C00011L,济宁某公司,企业,370811\n")
PY
id_of() {
    awk -v n="$1" '$1 == n { print $2 }' ids.txt
}
