-- A fixture, not a policy: rules of each kind of amount that `calc --explain`
-- describes (tests/cli/t0305-calc-explain.sh).  Its --explain=full output is
-- kept in full.json as the records were written before the short form
-- existed: the full form must stay byte for byte what it was.
document { number = "测试〔2020〕5号", title = "说明格式", issuer = "测试",
           issued = "2020-01-01", region = "370800",
           valid = { from = "2020-01-01", to = "2020-12-31" } }

parameter { name = "min_wage", title = "当地最低工资标准（月）", unit = "yuan_per_month" }

status {
    id = "explain.poor", name = "贫困劳动力", clause = "一", text = "建档立卡贫困人口。",
    target = "建档立卡贫困人口", unit = "person",
    conditions = { { "category", "建档立卡贫困人口" } },
}

benefit {
    id = "explain.monthly", name = "岗位补贴", clause = "二", text = "在济宁稳定就业3个月以上的，每月1000元，不超过6个月。",
    target = "在济宁就业的贫困劳动力", unit = "job", payee = "person",
    conditions = { { "person_status", "explain.poor" }, { "hukou_within", "370800" },
                   { "job_within", "370800" }, { "job_months_at_least", 3 } },
    amount = { per_month = 1000, max_months = 6 },
}

benefit {
    id = "explain.travel", name = "交通补贴", clause = "三", text = "按就业地点分档，一次性补贴。",
    target = "贫困劳动力", unit = "job", payee = "person",
    conditions = { { "category", "建档立卡贫困人口" }, { "any", { "job_within", "370800" }, { "organized" } } },
    amount = { once = { by = "job_location", same_county = 200, same_province = 500, other_province = 800 } },
}

benefit {
    id = "explain.living", name = "生活费补贴", clause = "四", text = "培训期间按最低工资标准的60%给予生活费补贴，最长60天。",
    target = "参加培训的贫困劳动力", unit = "training", payee = "person",
    conditions = { { "person_status", "explain.poor" }, { "training_days_at_least", 5 } },
    amount = { per_day = { parameter = "min_wage", percent = 60, days_per_month = 21.75 }, max_days = 60 },
}

benefit {
    id = "explain.late", name = "过期补贴", clause = "五", text = "2019年的一次性补贴。",
    target = "贫困劳动力", unit = "person", payee = "person",
    valid = { from = "2019-01-01", to = "2019-12-31" },
    conditions = { { "category", "建档立卡贫困人口" } },
    amount = { once = 300 },
}

benefit {
    id = "explain.small", name = "小额补贴", clause = "六", text = "一次性补贴100元，不与大额补贴重复享受。",
    target = "贫困劳动力", unit = "person", payee = "person",
    conditions = { { "category", "建档立卡贫困人口" } },
    amount = { once = 100 }, not_with = { "explain.big" },
}

benefit {
    id = "explain.big", name = "大额补贴", clause = "七", text = "一次性补贴500元。",
    target = "贫困劳动力", unit = "person", payee = "person",
    conditions = { { "category", "建档立卡贫困人口" } },
    amount = { once = 500 },
}
