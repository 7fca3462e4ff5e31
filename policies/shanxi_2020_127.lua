-- 晋人社厅函〔2020〕127号 山西省人力资源和社会保障厅 山西省扶贫开发办公室
-- 关于应对疫情加强就业扶贫促进有组织劳务输出的通知 (2020-03-05)
-- Format: docs/policy-format.md.  Tests: tests/policy/shanxi_127/.
-- The target group throughout is 山西 (hukou within 14) 建档立卡贫困劳动力.
-- The document has no end date; its measures are for the epidemic.  It is read as in
-- force from 2020-02-01 (the months it pays for start in February), with no end; the
-- benefits tied to 2020年2-6月 carry that window themselves.

document {
    number = "晋人社厅函〔2020〕127号",
    title  = "关于应对疫情加强就业扶贫促进有组织劳务输出的通知",
    issuer = "山西省人力资源和社会保障厅 山西省扶贫开发办公室",
    issued = "2020-03-05",
    region = "14",
    valid  = { from = "2020-02-01" },
}

parameter {
    name  = "shanxi_training_subsidy",
    title = "山西省职业培训补贴标准（每人，“按照规定给予培训补贴”）",
    unit  = "yuan",
}

parameter {
    name  = "shanxi_one_off_hiring_subsidy",
    title = "山西省一次性吸纳就业补助标准（每招用1人）",
    unit  = "yuan",
}

parameter {
    name  = "shanxi_social_insurance_subsidy",
    title = "山西省招用贫困劳动力社会保险补贴标准（月）",
    unit  = "yuan_per_month",
}

parameter {
    name  = "shanxi_workshop_hiring_subsidy",
    title = "山西省扶贫车间吸纳就业补贴标准（每吸纳1人）",
    unit  = "yuan",
}

parameter {
    name  = "unemployment_insurance_benefit",
    title = "当地失业保险金标准（月）",
    unit  = "yuan_per_month",
}

-- 二 -------------------------------------------------------------------------

benefit {
    id      = "shanxi127.point_to_point",
    name    = "农民工返岗复工“点对点”服务",
    clause  = "二",
    text    = "对已有岗位准备外出的贫困劳动力，优先纳入农民工返岗复工“点对点”服务范围，协调专车、专列等接送至务工地点",
    target  = "已有岗位、到县外务工的山西省建档立卡贫困劳动力",
    unit    = "job",
    payee   = "person",
    kind    = "service",
    service = "优先纳入“点对点”服务范围，协调专车、专列等接送至务工地点",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "14" },
        { "job_location", "same_province", "other_province" },
    },
    note    = "“外出”读作到户籍所在县以外务工；服务落在开始务工的月份",
}

benefit {
    id     = "shanxi127.transport",
    name   = "一次性交通补助",
    clause = "二",
    text   = "对有组织外出务工的贫困劳动力按规定落实不超过800元的一次性交通补助",
    target = "有组织到县外务工的山西省建档立卡贫困劳动力",
    unit   = "job",
    payee  = "person",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "14" },
        { "organized" },
        { "job_location", "same_province", "other_province" },
    },
    amount = { once = 800, up_to_cost = "travel_cost" },
    note   = "“不超过800元”：按实际交通费用，最多800元；缺少实际费用时不计金额",
}

benefit {
    id     = "shanxi127.referral",
    name   = "职业介绍补贴",
    clause = "二",
    text   = "鼓励人力资源服务机构、职业培训机构、劳务经纪人等市场主体有组织输出贫困劳动力，2020年2月到6月底之前推荐劳动者在县内、省内、省外成功就业且与用人单位签订规定期限劳动合同的，按就业人数分别给予每人500元、800元、1000元职业介绍补贴",
    target = "推荐山西省建档立卡贫困劳动力成功就业的人力资源服务机构、劳务经纪人等市场主体",
    unit   = "job",
    payee  = "agency",
    valid  = { from = "2020-02-01", to = "2020-06-30" },
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "14" },
        { "agency_kind", "agency", "broker", "cooperative" },
        { "job_start_between", "2020-02-01", "2020-06-30" },
        { "contract_months_at_least", 1 },
    },
    amount = {
        once = { by = "job_location", same_county = 500, same_province = 800, other_province = 1000 },
    },
    note   = "县内/省内/省外按就业地与户籍地比较：同县 500，省内他县 800，省外 1000；“规定期限”文件未给，暂以签订劳动合同（至少1个月）计",
}

-- 三 -------------------------------------------------------------------------

status {
    id     = "shanxi127.online_theory_valid",
    name   = "线上理论培训视为有效成绩",
    clause = "三",
    text   = "运用线上线下融合教学，按规定完成职业工种理论培训课程内容和课时（一般不超过总课时的30%），视为有效成绩，直接参加实训操作培训",
    target = "参加线上线下融合职业培训的贫困劳动力",
    unit   = "training",
    conditions = {
        { "online_share_at_most", 0.3 },
    },
    note   = "线上部分至多占理论课时的30%；未填线上比例按无线上部分",
}

benefit {
    id     = "shanxi127.training_subsidy",
    name   = "职业培训补贴",
    clause = "三",
    text   = "按规定完成职业工种理论培训课程内容和课时（一般不超过总课时的30%），视为有效成绩，直接参加实训操作培训，按照规定给予培训补贴",
    target = "参加职业技能培训的山西省建档立卡贫困劳动力",
    unit   = "training",
    payee  = "person",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "14" },
        { "training_kind", "skill", "online" },
        { "status", "shanxi127.online_theory_valid" },
    },
    amount = { once = { parameter = "shanxi_training_subsidy" } },
    note   = "“按照规定”无金额，取参数 shanxi_training_subsidy",
}

-- 四 -------------------------------------------------------------------------

benefit {
    id     = "shanxi127.hiring_subsidy",
    name   = "一次性吸纳就业补助",
    clause = "四",
    text   = "对各类企业、扶贫车间、重点项目等招用贫困劳动力就业的，按规定落实一次性吸纳就业补助、社会保险补贴等",
    target = "招用山西省建档立卡贫困劳动力的企业、扶贫车间",
    unit   = "job",
    payee  = "employer",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "14" },
        { "employer_kind", "enterprise", "workshop", "base" },
    },
    amount = { once = { parameter = "shanxi_one_off_hiring_subsidy" } },
    note   = "“按规定”无金额，取参数 shanxi_one_off_hiring_subsidy",
}

benefit {
    id     = "shanxi127.social_insurance_subsidy",
    name   = "社会保险补贴",
    clause = "四",
    text   = "对各类企业、扶贫车间、重点项目等招用贫困劳动力就业的，按规定落实一次性吸纳就业补助、社会保险补贴等",
    target = "招用山西省建档立卡贫困劳动力并为其缴纳社会保险的企业、扶贫车间",
    unit   = "job",
    payee  = "employer",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "14" },
        { "employer_kind", "enterprise", "workshop", "base" },
        { "insured" },
    },
    amount = { per_month = { parameter = "shanxi_social_insurance_subsidy" } },
    note   = "标准与期限“按规定”，取参数 shanxi_social_insurance_subsidy，按在岗整月计",
}

-- 五 -------------------------------------------------------------------------

benefit {
    id     = "shanxi127.agri_hiring_subsidy",
    name   = "农业经营主体吸纳就业补贴",
    clause = "五",
    text   = "对吸纳贫困劳动力就业的各类农资企业、农业经营主体参照扶贫车间给予吸纳就业补贴",
    target = "吸纳山西省建档立卡贫困劳动力的农资企业、农业经营主体",
    unit   = "job",
    payee  = "employer",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "14" },
        { "employer_kind", "agri_enterprise", "cooperative" },
    },
    amount = { once = { parameter = "shanxi_workshop_hiring_subsidy" } },
    note   = "“参照扶贫车间”：标准同扶贫车间吸纳就业补贴（参数 shanxi_workshop_hiring_subsidy）",
}

-- 六 -------------------------------------------------------------------------

status {
    id     = "shanxi127.workshop_certified",
    name   = "可认定为扶贫车间",
    clause = "六",
    text   = "适当调整扶贫车间认定标准，对政府免费提供厂房车间的扶贫企业，招用贫困劳动力人数在10人以上的，可认定为扶贫车间，享受相关补贴政策",
    target = "政府免费提供厂房车间、招用10名以上贫困劳动力的扶贫企业",
    unit   = "org",
    hires  = {
        { "category", "建档立卡贫困人口" },
    },
    conditions = {
        { "org_kind", "enterprise", "workshop" },
        { "org_free_premises" },
        { "hires_at_least", 10 },
    },
    note   = "“10人以上”含10人；招用人数按在该单位有工作记录的建档立卡贫困劳动力计",
}

benefit {
    id     = "shanxi127.workshop_hiring_subsidy",
    name   = "扶贫车间吸纳就业补贴",
    clause = "六",
    text   = "对政府免费提供厂房车间的扶贫企业，招用贫困劳动力人数在10人以上的，可认定为扶贫车间，享受相关补贴政策",
    target = "认定为扶贫车间的单位（按吸纳的山西省建档立卡贫困劳动力）",
    unit   = "job",
    payee  = "employer",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "14" },
        { "employer_status", "shanxi127.workshop_certified" },
    },
    amount = { once = { parameter = "shanxi_workshop_hiring_subsidy" } },
    note   = "“相关补贴政策”无金额，取参数 shanxi_workshop_hiring_subsidy（每吸纳1人）",
}

benefit {
    id     = "shanxi127.job_retention",
    name   = "稳岗补贴",
    clause = "六",
    text   = "2020年2-6月期间赴县以外务工或在当地扶贫车间、企业稳定就业的贫困劳动力，按照实际工作月数，给予每人每月200元稳岗补贴",
    target = "2020年2-6月赴县外务工或在当地扶贫车间、企业稳定就业的山西省建档立卡贫困劳动力",
    unit   = "job",
    payee  = "person",
    valid  = { from = "2020-02-01", to = "2020-06-30" },
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "14" },
        { "any",
            { "job_location", "same_province", "other_province" },
            { "all", { "job_location", "same_county" }, { "job_kind", "workshop", "enterprise" } },
        },
    },
    amount = { per_month = 200, months = { from = "2020-02", to = "2020-06" } },
    note   = "“实际工作月数”按整月计（该月首日与末日均在岗）；同一人同月只计一次",
}

-- 七 -------------------------------------------------------------------------

benefit {
    id      = "shanxi127.unemployment_assistance",
    name    = "失业补助金",
    clause  = "七",
    text    = "对受疫情影响失业的参保贫困劳动力，按照不高于当地失业保险金标准发放失业补助金",
    target  = "受疫情影响失业的参保山西省建档立卡贫困劳动力",
    unit    = "person",
    payee   = "person",
    kind    = "service",
    service = "按不高于当地失业保险金标准（参数 unemployment_insurance_benefit）按月发放失业补助金",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "14" },
        { "category", "受疫情影响失业人员" },
        { "category", "失业保险参保人员" },
    },
    note    = "发放月数与具体标准文件未规定（只规定上限），列为待遇资格，不计金额；失业与参保状态暂以类别表示",
}
