-- A fixture, not a policy: the benefit tests a status that tests a status
-- declared after both (issue 10 item 9).  Evaluated in load order, the
-- benefit was silently never granted.
document { number = "测试〔2020〕9号", title = "状态声明顺序", issuer = "测试",
           issued = "2020-01-01", region = "370800",
           valid = { from = "2020-01-01", to = "2020-12-31" } }

benefit {
    id = "order.bonus", name = "奖励", clause = "三", text = "对认定的劳动力给予奖励。",
    target = "认定的劳动力", unit = "person", payee = "person",
    conditions = { { "status", "order.recognised" } },
    amount = { once = 500 },
}

status {
    id = "order.recognised", name = "认定劳动力", clause = "二",
    text = "在济宁市的贫困劳动力予以认定。", target = "贫困劳动力",
    unit = "person",
    conditions = { { "status", "order.poor" }, { "hukou_within", "370800" } },
}

status {
    id = "order.poor", name = "贫困劳动力", clause = "一",
    text = "建档立卡贫困人口。", target = "建档立卡贫困人口",
    unit = "person",
    conditions = { { "category", "建档立卡贫困人口" } },
}
