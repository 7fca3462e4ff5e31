-- 山东省人力资源和社会保障厅 山东省发展和改革委员会 山东省农业农村厅
-- 关于开展防止返贫就业攻坚行动的通知 (印发 2023-10-12)
-- Format: docs/policy-format.md.  Tests: tests/policy/shandong_2023_action/.
--
-- The text as received carries no document number (文号); `number` holds the title and the
-- issue date instead, marked 文号未载, until the number is known (see the vocabulary requests).
--
-- The notice sets few payments: it sets targets, services, and reporting duties.  Services
-- and statuses are encoded below; the targets (一, 二(三)) and the reporting duties (三(二),
-- 三(四): 附件1, 附件2, 阶段性总结) are declared at the end of the file.
--
-- Readings that apply to the whole file:
-- * 脱贫人口（含防止返贫监测帮扶对象，下同）: the status sd2023.poverty_population, from the
--   categories 脱贫人口 and 防止返贫监测帮扶对象.  省内 is added (hukou in "37") only where the
--   text says 省内 or where the service is given by the person's village (台账).
-- * The document gives no end date; its window runs from the issue date, open.
--
-- Measures not encoded as benefits, and why:
-- * 二(一) 车间认定标准和退出程序“优化调整”: no criteria are given, so no status can be computed.
-- * 二(一) 以工代赈: coordination between departments is a duty; the priority for 脱贫人口 is
--   encoded (sd2023.work_relief_priority).
-- * 二(二) 特色劳务品牌、乡村振兴劳务基地 认定, 季节性有组织劳务输出, 劳务协作联盟: recognition
--   without criteria and organisational duties; their counts are columns of 附件1.
-- * 二(三) 开发乡村公益性岗位: the 140万 target is declared at the end; the rest (设定数量和类别,
--   规范招用, 允许非全日制人员兼职灵活就业, 专项整治) governs the posts, no new grant.
-- * 二(四) 落实…社会保险补贴, 依法支付劳动报酬和经济补偿: existing entitlements under other
--   rules and statute; the document adds the 即申即享/直补快办 way of claiming them
--   (sd2023.stable_job_support).  大力开展职业技能培训、开发特色培训项目: exhortation.
-- * 二(五) 劳动预备制、新型学徒制培训 and 按时足额发放…培训补贴: pays on time what other rules
--   grant; no amount or new entitlement defined here.
-- * 二(六) 鲁渝/鲁甘劳务协作, 对口支援, 倾斜支持, 专场招聘, 项目清单/项目库: duties of the
--   departments (targets and 附件2 cover what is measurable).
-- * 三(一)…(四) 保障措施: duties; the reporting duties of 三(四) and the monitoring of 三(二) are
--   declared at the end (report { }).
-- * 一 聚焦 20个省乡村振兴重点帮扶县、39个易地搬迁安置区、55个黄河滩区居民迁建安置区: the areas the
--   action focuses on, not objectives; they are the ①②③ of 附件2 (项目所在地是否属于).

document {
    number = "关于开展防止返贫就业攻坚行动的通知（2023-10-12，文号未载）",
    title  = "山东省人力资源和社会保障厅 山东省发展和改革委员会 山东省农业农村厅关于开展防止返贫就业攻坚行动的通知",
    issuer = "山东省人力资源和社会保障厅 山东省发展和改革委员会 山东省农业农村厅",
    issued = "2023-10-12",
    region = "37",
    valid  = { from = "2023-10-12" },
}

parameter {
    name  = "sd2023_workshop_award",
    title = "就业帮扶车间奖补标准（市定，梯次设定，关于开展防止返贫就业攻坚行动的通知二(一)）",
    unit  = "yuan",
}

-- 一 -----------------------------------------------------------------------

status {
    id     = "sd2023.poverty_population",
    name   = "脱贫人口（含防止返贫监测帮扶对象）",
    clause = "一",
    text   = "全力确保省内脱贫人口（含防止返贫监测帮扶对象，下同）外出务工规模不低于40.6万人",
    target = "脱贫人口和防止返贫监测帮扶对象",
    unit   = "person",
    conditions = {
        { "category", "脱贫人口", "防止返贫监测帮扶对象",
          "建档立卡贫困人口", "脱贫享受政策人口", "防止返贫监测对象", "即时帮扶人口" },
    },
    note   = "“含防止返贫监测帮扶对象，下同”：本文件中的“脱贫人口”均含监测帮扶对象。"
          .. "登记库的类别：建档立卡贫困人口、脱贫享受政策人口（均已脱贫）为脱贫人口，"
          .. "防止返贫监测对象、即时帮扶人口（山东对监测帮扶对象的称谓）为监测帮扶对象",
}

-- 二(一) ------------------------------------------------------------------

benefit {
    id     = "sd2023.workshop_award",
    name   = "就业帮扶车间奖补",
    clause = "二(一)",
    text   = "鼓励有条件的市梯次设定就业帮扶车间奖补标准，差异化落实奖补政策。",
    target = "有条件的市设定奖补标准后，吸纳脱贫人口就业的山东省就业帮扶车间",
    unit   = "org",
    payee  = "org",
    hires  = {
        { "person_status", "sd2023.poverty_population" },
        { "job_within", "37" },
    },
    conditions = {
        { "org_kind", "workshop" },
        { "org_within", "37" },
        { "hires_at_least", 1 },
    },
    amount = { once = { parameter = "sd2023_workshop_award" } },
    note   = "标准由各市“梯次设定”，文件未给金额和梯次依据，取参数 sd2023_workshop_award（按市设值）；未设标准的市不计金额并给出警告（“鼓励有条件的市”，未设即未实施）。按吸纳人数分档的写法（amount 的 steps by = \"hires\"，各档金额为参数）已可用，但本文件未给任何档位人数，定档即为猜测，故仍为一个参数；某市公布梯次后，在该市的政策文件中写 steps。吸纳对象用 person_status sd2023.poverty_population（含监测帮扶对象）",
}

benefit {
    id      = "sd2023.work_relief_priority",
    name    = "优先参与以工代赈项目建设",
    clause  = "二(一)",
    text    = "发挥农村劳务专业合作社、劳务经纪人及人力资源服务机构作用，优先组织符合条件的脱贫人口和其他低收入劳动力参与项目建设。督促项目施工单位与脱贫人口签订劳务协议，及时足额发放劳务报酬，切实保障劳动者合法权益。",
    target  = "符合条件的脱贫人口和其他低收入劳动力",
    unit    = "person",
    payee   = "person",
    kind    = "service",
    service = "优先组织参与以工代赈项目建设；督促施工单位签订劳务协议、及时足额发放劳务报酬",
    conditions = {
        { "category", "脱贫人口", "防止返贫监测帮扶对象", "农村低收入人口",
          "建档立卡贫困人口", "脱贫享受政策人口", "防止返贫监测对象", "即时帮扶人口" },
        { "hukou_within", "37" },
    },
    note    = "“其他低收入劳动力”以类别“农村低收入人口”表示；“符合条件”（项目所在地、劳动能力）由项目核对",
}

-- 二(四) ------------------------------------------------------------------

benefit {
    id      = "sd2023.stable_job_support",
    name    = "纳入本地稳岗政策扶持范围",
    clause  = "二(四)",
    text    = "将脱贫人口纳入本地稳岗政策扶持范围，推行“即申即享”“直补快办”政策申领模式，落实好税收优惠、社会保险补贴等政策，支持脱贫人口多渠道就业创业。",
    target  = "脱贫人口（含防止返贫监测帮扶对象）",
    unit    = "person",
    payee   = "person",
    kind    = "service",
    service = "纳入本地稳岗政策扶持范围；“即申即享”“直补快办”申领；落实税收优惠、社会保险补贴等政策",
    conditions = {
        { "status", "sd2023.poverty_population" },
    },
    note    = "税收优惠、社会保险补贴的金额按各自规定，本文件未定",
}

benefit {
    id      = "sd2023.employment_assistance_ledger",
    name    = "村（居）就业援助台账",
    clause  = "二(四)",
    text    = "建立村（居）就业援助台账，发挥基层服务机构、“家门口”就业服务站、“零工驿站”等作用，及时帮助脱贫人口求职就业、稳定岗位、转岗再就业。",
    target  = "山东省内脱贫人口（含防止返贫监测帮扶对象）",
    unit    = "person",
    payee   = "person",
    kind    = "service",
    service = "纳入村（居）就业援助台账；求职就业、稳定岗位、转岗再就业帮助（基本就业服务援助、专项就业政策援助、特定群体就业援助、急难就业援助）",
    conditions = {
        { "status", "sd2023.poverty_population" },
        { "hukou_within", "37" },
    },
    note    = "台账建在户籍所在村（居），读作省内户籍",
}

benefit {
    id      = "sd2023.arbitration_green_channel",
    name    = "劳动仲裁“绿色通道”",
    clause  = "二(四)",
    text    = "对与企业发生劳动争议的，依法依规受理，开辟劳动仲裁“绿色通道”，做到快立、快调、快审、快结。",
    target  = "与所在企业发生劳动争议的脱贫人口",
    unit    = "job",
    payee   = "person",
    kind    = "service",
    service = "劳动仲裁“绿色通道”：快立、快调、快审、快结",
    conditions = {
        { "person_status", "sd2023.poverty_population" },
        { "employer_kind", "enterprise", "agri_enterprise" },
    },
    note    = "列出在企业就业的脱贫人口（含监测帮扶对象，person_status；可使用绿色通道的人）；是否发生劳动争议不在登记中，见 docs/policy-vocabulary-requests.md B8（劳动争议）",
}

-- 二(五) ------------------------------------------------------------------

benefit {
    id      = "sd2023.yulu_plan",
    name    = "雨露计划",
    clause  = "二(五)",
    text    = "对脱贫家庭新成长劳动力，继续实施雨露计划，组织引导接受中、高等职业院校和技工院校教育，加大劳动预备制、新型学徒制培训力度，按时足额发放补助资金和培训补贴。",
    target  = "接受中、高等职业院校和技工院校教育的脱贫家庭新成长劳动力",
    unit    = "person",
    payee   = "person",
    kind    = "service",
    service = "雨露计划：组织引导接受中、高等职业院校和技工院校教育，按时足额发放补助资金",
    conditions = {
        { "status", "sd2023.poverty_population" },
        { "enrolled", "secondary_vocational", "higher_vocational", "technical_school" },
    },
    note    = "补助资金标准按雨露计划规定，本文件未定，故不计金额；“接受中、高等职业院校和技工院校教育”= 在籍（enrolled：secondary_vocational 中等职业院校、higher_vocational 高等职业院校、technical_school 技工院校），全日制与否文件未限；服务落在在籍期间",
}

benefit {
    id      = "sd2023.yulu_graduate_followup",
    name    = "雨露计划毕业生后续帮扶",
    clause  = "二(五)",
    text    = "延伸做好雨露计划毕业生后续帮扶，深入开展“雨露计划+”就业促进行动，实施“一人一档”“一生一策”精准帮扶，全面落实就业创业帮扶政策。",
    target  = "雨露计划毕业生",
    unit    = "person",
    payee   = "person",
    kind    = "service",
    service = "“雨露计划+”就业促进行动；“一人一档”“一生一策”精准帮扶；落实就业创业帮扶政策",
    conditions = {
        { "category", "雨露计划毕业生" },
    },
}

benefit {
    id      = "sd2023.youth_priority_services",
    name    = "脱贫家庭青年优先就业服务",
    clause  = "二(五)",
    text    = "加强脱贫家庭未就业高校毕业生、长期失业青年就业帮扶，优先提供职业指导、岗位推介、培训见习",
    target  = "脱贫家庭未就业高校毕业生、长期失业青年",
    unit    = "person",
    payee   = "person",
    kind    = "service",
    service = "优先提供职业指导、岗位推介、培训见习",
    conditions = {
        { "status", "sd2023.poverty_population" },
        { "category", "未就业高校毕业生", "长期失业青年" },
    },
}

benefit {
    id      = "sd2023.youth_public_welfare_post",
    name    = "公益性岗位兜底安置（脱贫家庭青年）",
    clause  = "二(五)",
    text    = "对确实难以市场渠道就业的，提供公益性岗位兜底安置。",
    target  = "确实难以通过市场渠道就业的脱贫家庭未就业高校毕业生、长期失业青年",
    unit    = "person",
    payee   = "person",
    kind    = "service",
    service = "公益性岗位兜底安置",
    conditions = {
        { "status", "sd2023.poverty_population" },
        { "category", "未就业高校毕业生", "长期失业青年" },
    },
    note    = "“确实难以市场渠道就业”由经办认定，登记中无此字段；本条列出可兜底安置的人员",
}

-- 二(六) ------------------------------------------------------------------

benefit {
    id      = "sd2023.relocation_priority_jobs",
    name    = "搬迁脱贫人口优先就业",
    clause  = "二(六)",
    text    = "落实易地搬迁安置区按比例安排就业机制，优先组织搬迁脱贫人口在安置区政府投资建设项目、基层管理服务项目就业。",
    target  = "易地搬迁安置区的搬迁脱贫人口",
    unit    = "person",
    payee   = "person",
    kind    = "service",
    service = "优先组织在安置区政府投资建设项目、基层管理服务项目就业",
    conditions = {
        { "status", "sd2023.poverty_population" },
        { "category", "易地扶贫搬迁人口" },
        { "hukou_within", "37" },
    },
    note    = "“按比例安排就业”的比例文件未定",
}

-- ==========================================================================
-- Targets (一, 二(三)) and reporting duties (三(二), 三(四)).  Column headers are copied from
-- 附件1 and 附件2 character for character; a line break inside a cell of the original
-- (乡村振兴劳务基地 / 个数, 就业帮扶车间 / 个数, 吸纳脱贫 / 人口数, 项目 / 联系人,
-- 带动脱贫人口就业 / 人数) is layout and is joined.
-- ==========================================================================

-- 一 -------------------------------------------------------------------------

target {
    id = "sd2023.outflow_scale", clause = "一",
    text = "全力确保省内脱贫人口（含防止返贫监测帮扶对象，下同）外出务工规模不低于40.6万人",
    indicator = "省内脱贫人口（含防止返贫监测帮扶对象）外出务工规模",
    comparator = "at_least", value = 406000, unit = "人", year = 2023, region = "37",
    population = { { "status", "sd2023.poverty_population" }, { "hukou_within", "37" } },
    measure = { count = "employed_away" },
    note = "“外出务工”的统计口径文件未定义，按国家就业帮扶统计口径；population 选出省内脱贫人口（含监测帮扶对象）；年份为行动当年2023年",
}

target {
    id = "sd2023.central_western_inflow", clause = "一",
    text = "吸纳中西部脱贫人口来鲁就业不低于20.8万人",
    indicator = "吸纳中西部脱贫人口来鲁就业人数",
    comparator = "at_least", value = 208000, unit = "人", year = 2023, region = "37",
    population = { { "status", "sd2023.poverty_population" },
                   { "any", { "hukou_within", "14", "34", "36", "41", "42", "43" },
                            { "hukou_within", "15", "45", "50", "51", "52", "53" },
                            { "hukou_within", "54", "61", "62", "63", "64", "65" } } },
    measure = { count = "working", within = "37" },
    note = "一：“脱贫人口（含防止返贫监测帮扶对象，下同）”，故含监测帮扶对象；中西部 = 国家统计的中部（山西 安徽 江西 河南 湖北 湖南）与西部（内蒙古 广西 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆）省份；“吸纳…来鲁就业”与“外出务工规模”同为规模（存量），按当年在鲁有在岗就业记录的人数计（working，工作地在山东）",
}

target {
    id = "sd2023.relocation_site_employment", clause = "一",
    text = "易地搬迁安置区脱贫劳动力就业不低于 1500人",
    indicator = "易地搬迁安置区脱贫劳动力就业人数",
    comparator = "at_least", value = 1500, unit = "人", year = 2023, region = "37",
    population = { { "status", "sd2023.poverty_population" } },
    measure = { count = "relocated" },
    note = "“39个易地搬迁安置区”（一 聚焦区域）；附件1“易地搬迁安置区脱贫人口就业人数”一列填报此数；脱贫劳动力含监测帮扶对象（一：“下同”）；按当年有在岗就业记录、居住在安置区的人数计（relocated，计在安置区所在区划）",
}

target {
    id = "sd2023.chongqing_gansu_employment", clause = "一",
    text = "帮助重庆、甘肃协作区县农村劳动力实现就业1.6万人（脱贫人口就业1万人）",
    indicator = "帮助重庆、甘肃协作区县农村劳动力实现就业人数",
    comparator = "at_least", value = 16000, unit = "人", year = 2023, region = "37",
    population = { { "hukou_within", "50", "62" } },
    measure = { count = "working" },
    note = "原文“实现就业1.6万人”，未写“不低于”，按目标下限读；协作区县文件未列出，按二(六)“深化鲁渝、鲁甘劳务协作”取户籍在重庆、甘肃的农村劳动力（登记在册者均为农村劳动力）；“实现就业”与同句的外出务工规模、来鲁就业同按当年在岗计（working：当年有在岗就业记录，不限工作地，来鲁与就地就近均计），计在户籍地（区划外）",
}

target {
    id = "sd2023.chongqing_gansu_poverty_employment", clause = "一",
    text = "帮助重庆、甘肃协作区县农村劳动力实现就业1.6万人（脱贫人口就业1万人）",
    indicator = "帮助重庆、甘肃协作区县脱贫人口实现就业人数",
    comparator = "at_least", value = 10000, unit = "人", year = 2023, region = "37",
    part_of = "sd2023.chongqing_gansu_employment",
    population = { { "status", "sd2023.poverty_population" }, { "hukou_within", "50", "62" } },
    measure = { count = "working" },
    note = "括号内“脱贫人口就业1万人”为1.6万人中的脱贫人口部分（含监测帮扶对象：一“下同”）；口径同 sd2023.chongqing_gansu_employment",
}

-- 二(三) ----------------------------------------------------------------------

target {
    id = "sd2023.rural_public_welfare_posts", clause = "二(三)",
    text = "“十四五”期间，全省开发乡村公益性岗位140万个左右。",
    indicator = "开发乡村公益性岗位个数",
    comparator = "about", value = 1400000, unit = "个",
    period = { from = "2021-01-01", to = "2025-12-31" }, region = "37",
    measure = { count = "posts" },
    note = "“十四五”期间 = 2021年至2025年；按期间存续的乡村公益性岗位（岗位表）计，每岗计一次，自设岗日期计入",
}

-- 三(二) ----------------------------------------------------------------------

report {
    id = "sd2023.employment_income_monitoring", clause = "三(二)",
    title = "脱贫人口就业规模和务工收入动态监测",
    text = "各地要持续做好脱贫人口就业规模和务工收入动态监测，及时关注务工规模和务工收入同比、环比变化情况，对务工规模和务工收入出现下降的，要及时通报风险情况，采取针对性措施，实现风险点早发现、早干预、早帮扶。",
    from = "各地", due = { every = "continuous" },
    indicators = { "脱贫人口务工规模", "脱贫人口务工收入" },
    compare = { "同比", "环比" }, alert = "decrease",
    note = "文件未规定表式与报送日，持续监测；出现下降即通报风险情况",
}

-- 三(四) ----------------------------------------------------------------------

report {
    id = "sd2023.annex1", clause = "三(四)", annex = "附件1",
    title = "防止返贫就业攻坚行动推进情况表",
    text = "各市人力资源社会保障局会同有关部门认真填写《防止返贫就业攻坚行动推进情况表》（见附件1），每季度末月15日前报送省人力资源社会保障厅",
    from = "各市人力资源社会保障局（会同有关部门）", to = "省人力资源社会保障厅",
    due = { every = "quarter", month_of_quarter = 3, day = 15 },
    rows = "region",
    values = "year_to_date",
    header = { "单位（公章）：", "填表日期：    年    月    日" },
    footer = { "注：相关数据填当年累计数。", "填表人：", "电话：" },
    columns = {
        "市、县（市、区）",
        "劳务协作联盟个数",
        "特色劳务品牌个数",
        "乡村振兴劳务基地个数",
        "劳务合作社个数",
        { "就业帮扶车间个数", sub = { "", "吸纳脱贫人口数" } },
        { "以工代赈吸纳当地农村劳动力就业人数", sub = { "", "吸纳脱贫人口数" } },
        "乡村公益性岗位安置脱贫人口数",
        "组织脱贫人口参加职业技能培训人数",
        "易地搬迁安置区脱贫人口就业人数",
        "举办“乐业搬迁（迁建）”专场招聘活动次数",
    },
    note = "每季度末月15日前 = 3月、6月、9月、12月的15日前；行（市、县（市、区））为##市、##区、##县、……；注：相关数据填当年累计数",
}

report {
    id = "sd2023.annex2", clause = "三(四)", annex = "附件2",
    title = "脱贫人口就业帮扶项目清单",
    text = "10月25日前，报送《脱贫人口就业帮扶项目清单》（见附件2）",
    from = "各市人力资源社会保障局（会同有关部门）", to = "省人力资源社会保障厅",
    due = { date = "2023-10-25" },
    rows = "project",
    header = { "_________市", "填表日期：    年    月    日" },
    footer = { "填表人：", "电话：" },
    columns = {
        "县（市、区）",
        "序号",
        "项目名称",
        "项目简介",
        { "带动就业人数", sub = { "", "带动脱贫人口就业人数" } },
        "项目所在地是否属于：①省乡村振兴重点帮扶县②易地搬迁安置区③黄河滩区居民迁建安置区",
        "项目联系人",
        "联系电话",
        "备注",
    },
    note = "10月25日前：印发于2023-10-12，读作当年（2023-10-25）；二(六)“形成市级项目清单，省级筛选建立脱贫人口就业帮扶项目库”即此清单",
}

report {
    id = "sd2023.summary", clause = "三(四)",
    title = "防止返贫就业攻坚行动阶段性总结",
    text = "12月15日前，报送防止返贫就业攻坚行动阶段性总结。",
    from = "各市人力资源社会保障局（会同有关部门）", to = "省人力资源社会保障厅",
    due = { date = "2023-12-15" },
    columns = {},
    note = "文字总结，无表式；12月15日前读作当年（2023-12-15）",
}
