-- A fixture, not a policy: two statuses that test each other (issue 10
-- item 9); `policy check` must refuse it naming both and their clauses.
document { number = "测试〔2020〕10号", title = "状态循环依赖", issuer = "测试",
           issued = "2020-01-01", region = "370800",
           valid = { from = "2020-01-01", to = "2020-12-31" } }

status {
    id = "cycle.first", name = "甲", clause = "一", text = "乙者为甲。", target = "乙",
    unit = "person",
    conditions = { { "status", "cycle.second" } },
}

status {
    id = "cycle.second", name = "乙", clause = "二", text = "甲者为乙。", target = "甲",
    unit = "person",
    conditions = { { "category", "建档立卡贫困人口" }, { "status", "cycle.first" } },
}
