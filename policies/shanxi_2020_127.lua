-- 晋人社厅函〔2020〕127号 山西省人力资源和社会保障厅 山西省扶贫开发办公室
-- 关于应对疫情加强就业扶贫促进有组织劳务输出的通知 (2020-03-05)
-- Format: docs/policy-format.md.  Tests: tests/policy/shanxi_127/.
-- The target group throughout is 山西 (hukou within 14) 建档立卡贫困劳动力.
-- The document has no end date; its measures are for the epidemic (关于应对疫情…的通知:
-- “在确保疫情防控安全的前提下”, “疫情影响期间”).  It is read as in force from 2020-02-01 (the
-- months it pays for start in February); the benefits tied to 2020年2-6月 carry that window
-- themselves, and every other benefit and service ends with the epidemic: valid =
-- { parameter = "epidemic_period" } (the window of 七, by region; unset: nothing and a
-- warning), so nothing is paid under this notice after the epidemic (in 2023, say).
-- Standing subsidies it restates (按规定落实) are paid after that under their own documents.
--
-- Clauses and where they are:
-- * 一 数据采集 (3月底前): target shanxi127.data_collection and report shanxi127.data_collection_report.
-- * 二 点对点, 交通补助, 职业介绍补贴, 境外劳务输出 (service + subsidy).
-- * 三 网上招聘绿色通道 / “一对一”对接, 免费职业技能培训 (services), 线上培训 30%, 培训补贴.
-- * 四 一次性吸纳就业补助, 社会保险补贴, 就业扶贫基地 认定 (threshold a parameter) and 资金奖励.
--   优先吸纳 in financed projects and 预留岗位/场地 are duties of departments.
-- * 五 农资企业、农业经营主体 吸纳就业补贴.  春耕备耕、电商助农: exhortations.
-- * 六 扶贫车间认定 (10人以上, free premises), 车间补贴, 稳岗补贴 200/月, 临时公益岗位.
-- * 七 失业补助金 (amount a parameter, capped by the local unemployment-insurance benefit; loss
--   and months in epidemic_period).  关心关爱: duties.
-- * 八 报送 per 晋人社厅函〔2020〕98号: report shanxi127.epidemic_updates.

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
    name  = "shanxi_overseas_outflow_subsidy",
    title = "山西省贫困劳动力境外劳务输出财政补贴标准（每人，晋人社厅函〔2020〕127号二“按规定落实财政补贴政策”）",
    unit  = "yuan",
}

parameter {
    name  = "shanxi_base_hires_threshold",
    title = "就业扶贫基地吸纳贫困劳动力的规定要求（人数，晋人社厅函〔2020〕127号四“达到规定要求”）",
    unit  = "persons",
}

parameter {
    name  = "shanxi_base_award",
    title = "就业扶贫基地资金奖励标准（每个基地，晋人社厅函〔2020〕127号四“按规定给予资金奖励”）",
    unit  = "yuan",
}

parameter {
    name  = "shanxi_referral_contract_months",
    title = "职业介绍补贴“签订规定期限劳动合同”的期限（月，晋人社厅函〔2020〕127号二，文件未给）",
    unit  = "months",
}

parameter {
    name  = "shanxi_unemployment_assistance",
    title = "山西省失业补助金标准（月，晋人社厅函〔2020〕127号七，不高于当地失业保险金标准）",
    unit  = "yuan_per_month",
}

parameter {
    name  = "epidemic_period",
    title = "疫情期间（起止日期，按地区；晋人社厅函〔2020〕127号七“受疫情影响失业”，文件未界定）",
    unit  = "window",
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
    valid  = { parameter = "epidemic_period" },
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
    valid  = { parameter = "epidemic_period" },
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "14" },
        { "organized" },
        { "job_location", "same_province", "other_province" },
    },
    amount = { once = 800, up_to_cost = "travel_cost" },
    note   = "“不超过800元”：按实际交通费用，最多800元；缺少实际费用时不计金额。疫情防控期间的有组织输出措施：在疫情期间（参数 epidemic_period）内开始务工的才给予",
}

benefit {
    id     = "shanxi127.referral",
    name   = "职业介绍补贴",
    clause = "二",
    text   = "鼓励人力资源服务机构、职业培训机构、劳务经纪人等市场主体有组织输出贫困劳动力，2020年2月到6月底之前推荐劳动者在县内、省内、省外成功就业且与用人单位签订规定期限劳动合同的，按就业人数分别给予每人500元、800元、1000元职业介绍补贴",
    target = "推荐山西省建档立卡贫困劳动力成功就业的人力资源服务机构、劳务经纪人等市场主体",
    unit   = "job",
    payee  = "agency",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "14" },
        { "agency_kind", "agency", "training_institution", "broker", "cooperative" },
        { "job_start_between", "2020-02-01", "2020-06-30" },
        { "contract_months_at_least", { parameter = "shanxi_referral_contract_months" } },
    },
    amount = {
        once = { by = "job_location", same_county = 500, same_province = 800, other_province = 1000 },
    },
    note   = "县内/省内/省外按就业地与户籍地比较：同县 500，省内他县 800，省外 1000。“签订规定期限劳动合同”：期限文件未给，取参数 shanxi_referral_contract_months（月，按就业地或户籍地所在山西地区取值），未设时不计并警告，不自定期限。“人力资源服务机构、职业培训机构、劳务经纪人等市场主体”：agency、training_institution、broker，及农民专业合作社（“等”）",
}

benefit {
    id      = "shanxi127.overseas_outflow",
    name    = "境外劳务输出优先纳入与培训",
    clause  = "二",
    text    = "鼓励支持有条件的贫困劳动力境外劳务输出。对具备条件的，优先纳入输出范围，组织优势资源进行相关培训，按规定落实财政补贴政策。",
    target  = "具备境外劳务输出条件的山西省建档立卡贫困劳动力",
    unit    = "person",
    payee   = "person",
    kind    = "service",
    service = "优先纳入境外劳务输出范围；组织优势资源进行相关培训",
    valid  = { parameter = "epidemic_period" },
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "14" },
        { "category", "境外劳务输出人员" },
    },
    note    = "登记中没有境外工作地（地区码只有境内），“有条件/具备条件”的境外劳务输出人员以类别“境外劳务输出人员”表示，由经办认定",
}

benefit {
    id     = "shanxi127.overseas_outflow_subsidy",
    name   = "境外劳务输出财政补贴",
    clause = "二",
    text   = "对具备条件的，优先纳入输出范围，组织优势资源进行相关培训，按规定落实财政补贴政策。",
    target = "具备条件、境外劳务输出的山西省建档立卡贫困劳动力",
    unit   = "person",
    payee  = "person",
    valid  = { parameter = "epidemic_period" },
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "14" },
        { "category", "境外劳务输出人员" },
    },
    amount = { once = { parameter = "shanxi_overseas_outflow_subsidy" } },
    note   = "“按规定落实财政补贴政策”无金额，取参数 shanxi_overseas_outflow_subsidy（每人一次）；未设时不计金额并警告；境外劳务输出人员以类别表示（同 shanxi127.overseas_outflow）",
}

-- 三 -------------------------------------------------------------------------

benefit {
    id      = "shanxi127.online_job_services",
    name    = "网上招聘绿色通道与“一对一”精准对接",
    clause  = "三",
    text    = "充分运用网络平台为贫困户开辟网上招聘绿色通道，根据贫困劳动力就业意愿和就业技能，促进与用工企业精准对接、应聘择岗。对不具备上网条件的贫困劳动力，要组织专人通过电话、视频提供“一对一”精准对接服务。",
    target  = "山西省建档立卡贫困劳动力",
    unit    = "person",
    payee   = "person",
    kind    = "service",
    service = "网上招聘绿色通道；与用工企业精准对接、应聘择岗；不具备上网条件的，专人通过电话、视频“一对一”精准对接",
    valid  = { parameter = "epidemic_period" },
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "14" },
        { "working_age", 16, 59, 54 },
    },
    note    = "劳动力读作劳动年龄内（男16–59、女16–54周岁，性别取身份证号或 sex）；是否具备上网条件不在登记中，由经办选择对接方式",
}

benefit {
    id      = "shanxi127.free_skill_training",
    name    = "免费职业技能培训",
    clause  = "三",
    text    = "深化“人人持证、技能社会”建设，重点支持有培训就业意愿贫困劳动力、易地搬迁劳动力参加免费职业技能培训。",
    target  = "有培训就业意愿的山西省建档立卡贫困劳动力、易地搬迁劳动力",
    unit    = "person",
    payee   = "person",
    kind    = "service",
    service = "重点支持参加免费职业技能培训；免费提供线上职业培训教学资源（视频课程、电子书、课件、动画等）",
    valid  = { parameter = "epidemic_period" },
    conditions = {
        { "any", { "category", "建档立卡贫困人口" }, { "category", "易地扶贫搬迁人口" } },
        { "hukou_within", "14" },
        { "working_age", 16, 59, 54 },
        { "wants_job" },
    },
    note    = "“有培训就业意愿”读作本人申报的就业意愿（wants_job）；劳动力读作劳动年龄内（男16–59、女16–54周岁）",
}

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
    note   = "“一般不超过总课时的30%”：线上课时（online_hours）至多为该课程总课时（total_hours）的30%，分母是总课时，不是理论课时；未填线上课时按无线上部分；有线上课时而未填总课时的不视为有效并警告",
}

benefit {
    id     = "shanxi127.training_subsidy",
    name   = "职业培训补贴",
    clause = "三",
    text   = "按规定完成职业工种理论培训课程内容和课时（一般不超过总课时的30%），视为有效成绩，直接参加实训操作培训，按照规定给予培训补贴",
    target = "参加职业技能培训的山西省建档立卡贫困劳动力",
    unit   = "training",
    payee  = "person",
    valid  = { parameter = "epidemic_period" },
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
    valid  = { parameter = "epidemic_period" },
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "14" },
        { "employer_kind", "enterprise", "workshop", "base" },
    },
    amount = { once = { parameter = "shanxi_one_off_hiring_subsidy" } },
    not_with     = { "shanxi127.workshop_hiring_subsidy" },
    not_with_per = "payee",
    note   = "“按规定”无金额，取参数 shanxi_one_off_hiring_subsidy。与六认定扶贫车间“享受相关补贴政策”的吸纳就业补贴是同一次招用的补贴：同一单位招用同一人只享受一项，取金额较高者，另一项列入 excluded",
}

benefit {
    id     = "shanxi127.social_insurance_subsidy",
    name   = "社会保险补贴",
    clause = "四",
    text   = "对各类企业、扶贫车间、重点项目等招用贫困劳动力就业的，按规定落实一次性吸纳就业补助、社会保险补贴等",
    target = "招用山西省建档立卡贫困劳动力并为其缴纳社会保险的企业、扶贫车间",
    unit   = "job",
    payee  = "employer",
    valid  = { parameter = "epidemic_period" },
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "14" },
        { "employer_kind", "enterprise", "workshop", "base" },
        { "insured" },
    },
    amount = { per_worked_month = { parameter = "shanxi_social_insurance_subsidy" } },
    note   = "标准与期限“按规定”，取参数 shanxi_social_insurance_subsidy；按实际工作月数（自入职日起算的整月），每满一个工作月在该月所在月份计发",
}

status {
    id     = "shanxi127.base_qualified",
    name   = "吸纳贫困劳动力达到规定要求的就业扶贫基地",
    clause = "四",
    text   = "对吸纳贫困劳动力达到规定要求的就业扶贫基地，各地要加快认定速度，按规定给予资金奖励。",
    target = "吸纳山西省建档立卡贫困劳动力达到规定人数的山西省就业扶贫基地",
    unit   = "org",
    certifies = "base",
    hires  = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "14" },
        { "employed_at_period_end" },
    },
    conditions = {
        { "org_kind", "base" },
        { "org_within", "14" },
        { "hires_at_least", { parameter = "shanxi_base_hires_threshold" } },
    },
    note   = "“规定要求”文件未给人数：取参数 shanxi_base_hires_threshold（人数，按基地所在地、计算期间末日取值）；未设时不认定并警告；吸纳人数按计算期间末日（认定之日）仍在该基地就业的山西建档立卡贫困劳动力人数计，同一人多段工作计1人，已离开的不计",
}

benefit {
    id     = "shanxi127.base_award",
    name   = "就业扶贫基地资金奖励",
    clause = "四",
    text   = "对吸纳贫困劳动力达到规定要求的就业扶贫基地，各地要加快认定速度，按规定给予资金奖励。",
    target = "吸纳贫困劳动力达到规定要求的山西省就业扶贫基地",
    unit   = "org",
    payee  = "org",
    valid  = { parameter = "epidemic_period" },
    conditions = {
        { "status", "shanxi127.base_qualified" },
    },
    amount = { once = { parameter = "shanxi_base_award" } },
    note   = "“按规定给予资金奖励”无金额，取参数 shanxi_base_award（每个基地一次）；未设时不计金额并警告",
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
    valid  = { parameter = "epidemic_period" },
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
    certifies = "workshop",
    hires  = {
        { "category", "建档立卡贫困人口" },
        { "employed_at_period_end" },
    },
    conditions = {
        { "org_kind", "enterprise", "workshop" },
        { "org_within", "14" },
        { "org_free_premises" },
        { "hires_at_least", 10 },
    },
    note   = "“10人以上”含10人；招用人数按计算期间末日（认定之日）仍在该单位就业的建档立卡贫困劳动力人数计：同一人多段工作计1人，已离开的不计；山西省的认定，只认定山西省内的单位。certifies：bangfu org certify --as workshop 对山西省内的单位按本条核验；已登记认定决定的单位，计算时以认定决定为准",
}

benefit {
    id     = "shanxi127.workshop_hiring_subsidy",
    name   = "扶贫车间吸纳就业补贴",
    clause = "六",
    text   = "对政府免费提供厂房车间的扶贫企业，招用贫困劳动力人数在10人以上的，可认定为扶贫车间，享受相关补贴政策",
    target = "认定为扶贫车间的单位（按吸纳的山西省建档立卡贫困劳动力）",
    unit   = "job",
    payee  = "employer",
    valid  = { parameter = "epidemic_period" },
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
            { "all", { "job_location", "same_county" }, { "job_kind", "workshop", "enterprise", "base" } },
        },
    },
    amount = { per_worked_month = 200 },
    note   = "“按照实际工作月数”：自入职日（2月1日前入职的自2月1日）起算的整月，落在2020年2月1日至6月30日内的才计，每满一个工作月在其结束的月份计发（2月15日至6月14日为4个月）；同一人同月只计一次。“当地扶贫车间、企业”含就业扶贫基地（基地是吸纳就业的企业）",
    funding = { source = "统筹整合扶贫资金", clause = "六" },
}

benefit {
    id      = "shanxi127.temporary_public_welfare_post",
    name    = "临时公益岗位安置",
    clause  = "六",
    text    = "各地可根据需要合理设立乡村防疫消杀、社区巡查、环境整治、生态管护、乡村建设等临时公益岗位，安置无法外出的贫困劳动力就业。稳岗补贴和临时公益岗位所需资金可从统筹整合扶贫资金中列支。",
    target  = "在户籍所在县的临时公益岗位就业的、无法外出的山西省建档立卡贫困劳动力",
    unit    = "job",
    payee   = "person",
    kind    = "service",
    service = "临时公益岗位安置（乡村防疫消杀、社区巡查、环境整治、生态管护、乡村建设等）；所需资金可从统筹整合扶贫资金中列支",
    valid  = { parameter = "epidemic_period" },
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "14" },
        { "job_kind", "temporary_post" },
        { "job_location", "same_county" },
    },
    note    = "“无法外出”读作在户籍所在县就地安置（job_location same_county）；岗位报酬标准文件未定（“各地可根据需要”），故为安置服务、不计金额；资金来源（统筹整合扶贫资金）写在服务内容中",
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
    valid   = { parameter = "epidemic_period" },
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "14" },
        { "unemployed_since_between", { parameter = "epidemic_period" } },
        { "insured_before_loss", 1 },
    },
    amount  = { per_month = { parameter = "shanxi_unemployment_assistance" },
                at_most = { parameter = "unemployment_insurance_benefit" } },
    note    = "标准文件未给，取参数 shanxi_unemployment_assistance（未设时不计并警告），“不高于当地失业保险金标准”= at_most 参数 unemployment_insurance_benefit；按失业后到再就业前、疫情期间内的整月发放，发放月数文件未规定，不另设上限；“受疫情影响失业”读作最后一次失业（工作结束且未接续）落在疫情期间（期间参数 epidemic_period，按户籍地取值，无取值时不计并警告），“参保”读作失业前的工作中缴纳社会保险至少1个月（insured_before_loss 1）",
}

-- 一 -------------------------------------------------------------------------

target {
    id = "shanxi127.data_collection", clause = "一",
    text = "从3月1日起，各级人社部门要按照全省劳动力“建档立卡”工作要求，将贫困劳动力纳入首批对象范围，……于3月底前全面完成本地贫困劳动力个人基本信息、就业失业情况、培训就业意愿等数据的采集核实工作。",
    indicator = "本地贫困劳动力个人基本信息、就业失业情况、培训就业意愿等数据采集核实完成率",
    comparator = "at_least", value = 100, unit = "%",
    period = { from = "2020-03-01", to = "2020-03-31" }, region = "14",
    population = { { "category", "建档立卡贫困人口" }, { "hukou_within", "14" } },
    note = "“全面完成”读作100%；3月1日起、3月底前 = 2020-03-01至2020-03-31",
}

report {
    id = "shanxi127.data_collection_report", clause = "一",
    title = "贫困劳动力数据采集核实",
    text = "于3月底前全面完成本地贫困劳动力个人基本信息、就业失业情况、培训就业意愿等数据的采集核实工作。对劳动力信息分类汇总梳理，针对性做好培训和就业服务。",
    from = "各级人社部门",
    due = { date = "2020-03-31" },
    rows = "person",
    columns = { "个人基本信息", "就业失业情况", "培训就业意愿" },
    note = "每名贫困劳动力一行，三类数据为文件所列（“等”：全省劳动力“建档立卡”工作要求可另有项目）；此后“做好相关数据的同步动态更新”",
}

-- 八 -------------------------------------------------------------------------

report {
    id = "shanxi127.epidemic_updates", clause = "八",
    title = "疫情影响期间人社扶贫工作动态情况",
    text = "疫情影响期间开展工作的动态情况，请各地务必根据《关于做好疫情防控期间人社扶贫工作的通知》（晋人社厅函〔2020〕98号）要求及时报送。",
    from = "各市人力资源和社会保障局、扶贫办", to = "山西省人力资源和社会保障厅、山西省扶贫开发办公室",
    due = { every = "continuous" },
    note = "报送内容、表式和时限按晋人社厅函〔2020〕98号（不在五份文件内），本文件只规定“及时报送”；不列表式（columns 未给）",
}

