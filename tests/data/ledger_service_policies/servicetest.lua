-- A policy file of the ledger tests (t0910): a service with an amount (a premium paid on the
-- person's behalf, as jinan2018.pension_contribution_paid) beside a benefit paid in money;
-- no real document.
document {
    number = "台账服务测试〔2020〕2号",
    title  = "台账服务测试文件",
    issuer = "测试",
    issued = "2020-01-01",
    region = "37",
    valid  = { from = "2020-01-01", to = "2020-12-31" },
}

benefit {
    id      = "servicetest.premium_paid",
    name    = "测试代缴保费",
    clause  = "一",
    text    = "测试",
    target  = "测试",
    unit    = "person",
    payee   = "person",
    kind    = "service",
    service = "代缴保险费",
    conditions = {},
    amount  = { once = 200 },
}

benefit {
    id      = "servicetest.monthly",
    name    = "测试服务月补贴",
    clause  = "二",
    text    = "测试",
    target  = "测试",
    unit    = "person",
    payee   = "person",
    conditions = {},
    amount  = { per_month = 10 },
    funding = { source = "测试资金", clause = "三" },
}
