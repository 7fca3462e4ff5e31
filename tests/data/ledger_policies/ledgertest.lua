-- A policy file of the ledger tests (t0500, t0910): pays everyone 100 yuan a month, and 50
-- once to those who applied; no real document.
document {
    number = "台账测试〔2020〕1号",
    title  = "台账测试文件",
    issuer = "测试",
    issued = "2020-01-01",
    region = "37",
    valid  = { from = "2020-01-01", to = "2020-12-31" },
}

benefit {
    id      = "ledgertest.monthly",
    name    = "测试月补贴",
    clause  = "一",
    text    = "测试",
    target  = "测试",
    unit    = "person",
    payee   = "person",
    conditions = {},
    amount  = { per_month = 100 },
    funding = { source = "测试资金", clause = "二" },
}

benefit {
    id      = "ledgertest.applied",
    name    = "测试申领补贴",
    clause  = "三",
    text    = "测试",
    target  = "测试",
    unit    = "person",
    payee   = "person",
    conditions = {},
    amount  = { once = 50 },
    application = { clause = "三" },
}
