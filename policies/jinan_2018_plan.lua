-- 济南市人力资源和社会保障局关于印发济南市打赢人力资源社会保障扶贫攻坚战三年行动实施方案的通知
-- (2018-11-29; 落实 鲁人社发〔2018〕50号)
-- Format: docs/policy-format.md.  Tests: tests/policy/jinan_2018_plan/.
--
-- The text as received carries no document number (文号); `number` holds a short title and the
-- issue date, marked 文号未载 (the full title does not fit the 96-byte number field; see the
-- vocabulary requests).
--
-- Readings that apply to the whole file:
-- * 贫困劳动力 / 贫困人口: the plan defines them as 建档立卡贫困劳动力 / 建档立卡贫困人口 of
--   济南 (一(二)); the category 建档立卡贫困人口 with a hukou in 济南 ("3701").
-- * Window: the three-year plan runs from its issue date to the end of 2020 (到2020年;
--   2018-2020年 in 三(二)).
--
-- Clauses not encoded as benefits, and why:
-- * 一 总体要求: aims; the targets of 一(二) (2018: 120名国定标准贫困劳动力实现就业, 符合条件的贫困人口
--   基本纳入社会保险范围; 2020: 养老保险全覆盖, 培训机会, 基本公共服务全面覆盖) are declared at the end.
-- * 二(二) 设立车间、名录库和项目库、劳务扶贫合作社: organisational duties; the subsidy to the
--   producers that hire poor laborers is encoded (jinan2018.hiring_subsidy).
-- * 二(三) 创业孵化基地, 创业担保贷款, 大赛“适当倾斜”: services to the public and contests with no
--   amount or criteria; the 一次性创业补贴 is encoded.
-- * 二(四) last sentence (鼓励各区县通过以工代赈、以奖代补、劳务补助等方式): an exhortation.
-- * 三(一) 完善政策、优化培训方式、企业主体作用、资金监管: duties; the two training entitlements
--   are encoded.
-- * 三(三) 增强贫困地区职业培训供给能力: support to institutions, no beneficiary in the registry.
-- * 四(一) 鼓励乡村医生参加城镇职工基本养老保险: an exhortation.
-- * 四(二) 逐步提高居民养老保险待遇水平: a general adjustment mechanism, no amount.
-- * 四(三) 工伤预防项目: prevention campaigns; the by-project insurance is encoded as a service.
-- * 四(四) 失业保险: restates the statutory unemployment insurance benefits (no amount or new
--   entitlement from this plan); 推进农民工参加失业保险 is an exhortation.
-- * 五 人事人才 (事业单位招聘, 职称, 挂职研修, 乡镇工作补贴, 绩效工资, 年休假): the beneficiaries
--   are public employees and institutions, outside the registry of poor laborers.
-- * 六 (实地观摩、短期培训, 干部支持) and 七(一) 劳务扶贫协作: exhortations and organisational
--   duties without a per-person grant.
-- * 八 组织保障: duties; the quarterly comparison of the poor with the insured (八(二)) and the
--   reporting duties (实施方案 by 2018-12-19, 工作开展情况 by 9月底 each year) are declared at the
--   end (report { }), with the yearly list of 技工院校和专业 of 三(二).
-- * 五(一) 商河县 不高于本年度招聘计划30%、50%: a limit on public-institution recruitment of local
--   hukou holders, and 五 (挂职研修为期1年, 乡镇工作满5年, 派驻6个月以上发放乡镇工作补贴): rules for
--   public employees, outside the registry of poor laborers; not encoded.

document {
    number = "济南市人社扶贫攻坚三年行动实施方案（2018-11-29，文号未载）",
    title  = "济南市人力资源和社会保障局关于印发济南市打赢人力资源社会保障扶贫攻坚战三年行动实施方案的通知",
    issuer = "济南市人力资源和社会保障局",
    issued = "2018-11-29",
    region = "3701",
    valid  = { from = "2018-11-29", to = "2020-12-31" },
}

parameter {
    name  = "jinan2018_hiring_subsidy",
    title = "生产经营主体吸纳贫困劳动力就业补贴、奖补标准（每吸纳1人，济南三年行动方案二(二)“按规定”）",
    unit  = "yuan",
}

parameter {
    name  = "one_off_startup_subsidy",
    title = "一次性创业补贴标准",
    unit  = "yuan",
}

parameter {
    name  = "jinan2018_mutual_aid_post_subsidy",
    title = "农村互助扶贫公益岗位补贴标准（月，区县实施办法定）",
    unit  = "yuan_per_month",
}

parameter {
    name  = "jinan2018_training_subsidy",
    title = "职业培训补贴标准（每次，济南三年行动方案三(一)）",
    unit  = "yuan",
}

parameter {
    name  = "skill_appraisal_subsidy",
    title = "一次性职业技能鉴定补贴标准",
    unit  = "yuan",
}

parameter {
    name  = "resident_pension_min_contribution",
    title = "居民养老保险最低缴费档次标准（每人每年）",
    unit  = "yuan_per_year",
}

-- 二(一) ------------------------------------------------------------------

benefit {
    id      = "jinan2018.employment_services",
    name    = "“一对一”精准就业帮扶",
    clause  = "二(一)",
    text    = "根据贫困劳动力技能水平和就业需求,开展“一对一”精准帮扶,充分调动贫困劳动力就业积极性。各区县公共就业服务机构深入摸查贫困劳动力的情况,针对其贫困特点,积极开展职业指导,加强职业介绍,推动就业意愿、就业技能与就业岗位精准对接,提高就业脱贫覆盖面。",
    target  = "济南市建档立卡贫困劳动力",
    unit    = "person",
    payee   = "person",
    kind    = "service",
    service = "“一对一”精准帮扶；职业指导；职业介绍；人岗精准对接",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "3701" },
    },
}

-- 二(二) ------------------------------------------------------------------

benefit {
    id     = "jinan2018.hiring_subsidy",
    name   = "吸纳贫困劳动力就业补贴、奖补",
    clause = "二(二)",
    text   = "对“就业扶贫车间”、农民专业合作社、企业等生产经营主体吸纳贫困劳动力就业的,按规定给予补贴、奖补。",
    target = "吸纳济南市建档立卡贫困劳动力就业的就业扶贫车间、农民专业合作社、企业等生产经营主体",
    unit   = "job",
    payee  = "employer",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "3701" },
        { "job_within", "3701" },
        { "employer_kind", "workshop", "base", "cooperative", "enterprise", "agri_enterprise" },
    },
    amount = { once = { parameter = "jinan2018_hiring_subsidy" } },
    note   = "“按规定”无金额，取参数 jinan2018_hiring_subsidy，按每吸纳1人一次计；“等生产经营主体”含就业扶贫基地和农业企业；补贴与奖补的具体条件（稳定就业月数等）按规定，本文件未列",
}

-- 二(三) ------------------------------------------------------------------

benefit {
    id     = "jinan2018.startup_subsidy",
    name   = "一次性创业补贴",
    clause = "二(三)",
    text   = "符合条件的个体工商户可申请一次性创业补贴。",
    target = "在济南返乡下乡创业、符合条件的个体工商户",
    unit   = "job",
    payee  = "person",
    conditions = {
        { "job_kind", "self_employed" },
        { "job_within", "3701" },
    },
    amount = { once = { parameter = "one_off_startup_subsidy" }, first_time = "matching" },
    note   = "文件未限定贫困人口（返乡下乡创业者均可），未加类别条件；金额取参数 one_off_startup_subsidy；一次性 = 每人一次，且只看本人第一条自主创业记录（first_time = \"matching\"：首次创业，而非第一份工作）；“符合条件”的其他条件（登记注册、正常经营时间等）按一次性创业补贴规定，本文件未列",
    application = { clause = "二(三)" },
}

-- 二(四) ------------------------------------------------------------------

benefit {
    id     = "jinan2018.mutual_aid_post",
    name   = "农村互助扶贫公益岗位",
    clause = "二(四)",
    text   = "统筹利用各类资金,积极开发养老、托幼、助残、照料病患等互助扶贫公益岗位,聘请有劳动能力和就业意愿的贫困劳动力特别是年龄偏大人群、留守妇女,与贫困人口结对帮扶",
    target = "在济南农村互助扶贫公益岗位就业的建档立卡贫困劳动力",
    unit   = "job",
    payee  = "person",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "3701" },
        { "job_kind", "public_welfare_post" },
        { "job_within", "3701" },
    },
    amount = { per_month = { parameter = "jinan2018_mutual_aid_post_subsidy" } },
    note   = "岗位报酬由各区县针对小时制、全日制等不同类型岗位制定实施办法，文件无金额，取参数 jinan2018_mutual_aid_post_subsidy（按在岗整月计）；per_hour（按岗位 hours_per_month）已可用，但本文件未给小时标准，也未区分哪些岗位按小时计，由区县办法定：某区县公布小时制标准后，在其文件中另写 per_hour 的岗位补贴",
}

-- 三(一) ------------------------------------------------------------------

benefit {
    id     = "jinan2018.training_subsidy",
    name   = "职业培训补贴",
    clause = "三(一)",
    text   = "建档立卡的农村贫困家庭成员,每年可享受2次职业培训补贴",
    target = "济南市建档立卡农村贫困家庭成员",
    unit   = "training",
    payee  = "person",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "3701" },
        { "training_kind", "skill", "online", "pre_job" },
    },
    amount = { once = { parameter = "jinan2018_training_subsidy" }, max_per_year = 2 },
    note   = "补贴标准文件未定，取参数 jinan2018_training_subsidy（每次培训）；集中、弹性、上门、网上培训均可（online 计入）；以工代训不是职业培训补贴的培训形式，未计入",
    application = { clause = "三(一)" },
}

benefit {
    id     = "jinan2018.appraisal_subsidy",
    name   = "一次性职业技能鉴定补贴",
    clause = "三(一)",
    text   = "首次参加培训并取得《职业资格证书》的,可同时享受一次性职业技能鉴定补贴。",
    target = "首次参加培训并取得《职业资格证书》的济南市建档立卡农村贫困家庭成员",
    unit   = "training",
    payee  = "person",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "3701" },
        { "training_kind", "skill", "online", "pre_job" },
        { "certificate", "any" },
    },
    amount = { once = { parameter = "skill_appraisal_subsidy" }, first_time = true },
    note   = "“首次参加培训” = 本人第一条培训记录；“可同时享受”：与职业培训补贴并享，不互斥；证书等级不影响金额（文件未分级），取参数 skill_appraisal_subsidy",
}

-- 三(二) ------------------------------------------------------------------

benefit {
    id      = "jinan2018.five_free_one_share",
    name    = "技工院校“五免一享”",
    clause  = "三(二)",
    text    = "面向全市技工院校全日制建档立卡贫困家庭学生实行“五免一享”(免学费、免住宿费、免教材费、免费提供勤工俭学岗位、免费推荐就业岗位,享受国家助学金政策)优惠政策,助力贫困家庭学生完成学业。",
    target  = "济南市技工院校全日制建档立卡贫困家庭学生",
    unit    = "person",
    payee   = "person",
    kind    = "service",
    service = "免学费；免住宿费；免教材费；免费提供勤工俭学岗位；免费推荐就业岗位；享受国家助学金政策",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "enrolled_full_time", "technical_school" },
        { "school_within", "3701" },
    },
    note    = "“全市技工院校全日制”：全日制在籍于济南的技工院校（enrolled_full_time technical_school，school_within 3701），学生户籍不限；服务落在在籍期间",
}

-- 四(一) ------------------------------------------------------------------

benefit {
    id      = "jinan2018.pension_contribution_paid",
    name    = "全额代缴最低标准居民养老保险费",
    clause  = "四(一)",
    text    = "为符合参加居民养老保险条件的缴费年龄段贫困人口全额代缴最低标准的居民养老保险费。",
    target  = "符合参加居民养老保险条件的缴费年龄段济南市建档立卡贫困人口",
    unit    = "person",
    payee   = "person",
    kind    = "service",
    service = "政府全额代缴最低缴费档次的居民养老保险费",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "3701" },
        { "age_between", 16, 59 },
        { "not", { "insured" } },
    },
    amount  = { per_year = { parameter = "resident_pension_min_contribution" } },
    note    = "缴费年龄段按城乡居民基本养老保险制度（国发〔2014〕8号：年满16周岁、未满60周岁，男女相同）读作16–59周岁；“符合参加居民养老保险条件”读作未参加职工社会保险（not insured）；金额为最低缴费档次（参数 resident_pension_min_contribution，每人每年，unit yuan_per_year），per_year：方案期内每个自然年一次，以该年1月1日（或期间首日）符合条件为准",
}

benefit {
    id      = "jinan2018.pension_paid_on_time",
    name    = "按时足额发放居民养老保险待遇",
    clause  = "四(一)",
    text    = "精准服务,为符合居民养老保险待遇领取条件的贫困人口按时足额发放居民养老保险待遇。",
    target  = "符合居民养老保险待遇领取条件的济南市建档立卡贫困人口",
    unit    = "person",
    payee   = "person",
    kind    = "service",
    service = "按时足额发放居民养老保险待遇",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "3701" },
        { "age_between", 60, 150 },
    },
    note    = "待遇领取条件读作年满60周岁（缴费年限等由社保经办核对）；待遇金额不由本文件规定",
}

benefit {
    id      = "jinan2018.pension_home_service",
    name    = "社会保险上门服务",
    clause  = "四(一)",
    text    = "对行动不便的贫困人口,提供上门服务,推动应保尽保。",
    target  = "行动不便的济南市建档立卡贫困人口",
    unit    = "person",
    payee   = "person",
    kind    = "service",
    service = "社会保险经办上门服务",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "3701" },
        { "category", "行动不便人员" },
    },
    note    = "“行动不便”暂以类别“行动不便人员”表示",
}

-- 四(三) ------------------------------------------------------------------

benefit {
    id      = "jinan2018.work_injury_by_project",
    name    = "工程建设项目按项目参加工伤保险",
    clause  = "四(三)",
    text    = "实现建筑业、交通运输等行业工程建设项目全部按项目参加工伤保险,确保在工程建设项目上的农民工依法享有工伤权益。",
    target  = "在济南工程建设项目上就业的农民工",
    unit    = "job",
    payee   = "person",
    kind    = "service",
    service = "按项目参加工伤保险（先参保，再开工）；快速工伤认定、劳动能力鉴定、工伤待遇拨付",
    conditions = {
        { "category", "农民工" },
        { "job_within", "3701" },
        { "job_kind", "enterprise" },
        { "employer_kind", "enterprise" },
    },
    note    = "工程建设项目与行业（建筑业、铁路、公路、水运、水利、能源、机场、轨道交通）不在登记中，暂列出在济南企业就业的农民工；项目级“先参保，再开工”是项目的状态，见 project 词汇请求",
}

-- 七(二) ------------------------------------------------------------------

benefit {
    id      = "jinan2018.yellow_river_services",
    name    = "黄河滩区迁建居民就业创业服务",
    clause  = "七(二)",
    text    = "持续举办黄河滩区“乐业迁建”专场招聘会,积极对接滩区居民转移就业需求,提升求职招聘成交率,实现滩区劳动力的多渠道就业创业。组织开展迁建居民就业创业能力提升培训",
    target  = "济南市黄河滩区迁建居民",
    unit    = "person",
    payee   = "person",
    kind    = "service",
    service = "“乐业迁建”专场招聘会；转移就业需求对接；就业创业能力提升培训；社会保险扶贫政策",
    conditions = {
        { "category", "黄河滩区迁建居民" },
        { "hukou_within", "3701" },
    },
}

-- ==========================================================================
-- Targets (一(二)) and reporting duties (三(二), 八(二), closing paragraph).
-- ==========================================================================

-- 一(二) 目标任务 ----------------------------------------------------------------

target {
    id = "jinan2018.employment_2018", clause = "一(二)",
    text = "2018年,促进全市120名国定标准贫困劳动力实现就业",
    indicator = "国定标准贫困劳动力实现就业人数",
    comparator = "at_least", value = 120, unit = "人", year = 2018, region = "3701",
    population = { { "category", "建档立卡贫困人口" }, { "category", "国定标准贫困人口" },
                   { "hukou_within", "3701" } },
    measure = { count = "employed" },
    note = "“促进…120名…实现就业”按目标下限读；国定标准 = 按国家扶贫标准识别的建档立卡贫困人口（类别“国定标准贫困人口”）",
}

target {
    id = "jinan2018.social_insurance_2018", clause = "一(二)",
    text = "2018年,……符合条件的贫困人口基本纳入社会保险范围",
    indicator = "符合条件的建档立卡贫困人口纳入社会保险范围的比例",
    comparator = "about", value = 100, unit = "%", year = 2018, region = "3701",
    population = { { "category", "建档立卡贫困人口" }, { "hukou_within", "3701" } },
    note = "“基本纳入”读作约100%（about）；“符合条件”按各险种参保条件",
}

target {
    id = "jinan2018.pension_coverage_2020", clause = "一(二)",
    text = "到2020年,……实现贫困人口基本养老保险全覆盖。",
    indicator = "建档立卡贫困人口基本养老保险参保率",
    comparator = "at_least", value = 100, unit = "%", year = 2020, region = "3701",
    population = { { "category", "建档立卡贫困人口" }, { "hukou_within", "3701" } },
    note = "“全覆盖”按符合参保条件的贫困人口计（缴费年龄段由 jinan2018.pension_contribution_paid 全额代缴）",
}

target {
    id = "jinan2018.training_access_2020", clause = "一(二)",
    text = "到2020年,……使有职业培训需求的贫困劳动力都有机会接受职业培训,使有就读技工院校意愿的建档立卡贫困家庭应、往届两后生(以下简称贫困家庭学生)都能接受技工教育",
    indicator = "有职业培训需求的贫困劳动力接受职业培训的机会覆盖率",
    comparator = "at_least", value = 100, unit = "%", year = 2020, region = "3701",
    note = "“都有机会”读作100%；培训需求与就读意愿为本人申报，登记中无此字段",
}

target {
    id = "jinan2018.public_services_2020", clause = "一(二)",
    text = "2020年,贫困地区人力资源社会保障水平进一步提升,建档立卡贫困人口人力资源社会保障基本公共服务全面覆盖。",
    indicator = "建档立卡贫困人口人力资源社会保障基本公共服务覆盖率",
    comparator = "at_least", value = 100, unit = "%", year = 2020, region = "3701",
    population = { { "category", "建档立卡贫困人口" }, { "hukou_within", "3701" } },
    note = "“全面覆盖”读作100%",
}

-- 三(二) ------------------------------------------------------------------------

report {
    id = "jinan2018.skill_poverty_schools", clause = "三(二)",
    title = "全市承担精准技能扶贫任务的技工院校和专业名单",
    text = "2018-2020年,每年公布全市承担精准技能扶贫任务的技工院校和专业名单。",
    from = "局职业能力建设处", to = "社会公布",
    due = { every = "year" },
    columns = { "技工院校", "专业" },
    note = "每年公布，文件未定日期；名单两列（院校、专业）取自“技工院校和专业名单”，文件未附表式",
}

-- 八(二) ------------------------------------------------------------------------

report {
    id = "jinan2018.insured_comparison", clause = "八(二)",
    title = "贫困人口与全市社会保险参保人员数据比对",
    text = "按季度开展贫困人口与全市社会保险参保人员数据比对,动态掌握贫困人口参保信息。",
    from = "市劳动就业办公室、市社会保险事业局",
    due = { every = "quarter" },
    rows = "person",
    compare = { population = { { "category", "建档立卡贫困人口" }, { "hukou_within", "3701" } },
                with = "insured" },
    note = "文件未规定表式与报送日（按季度）；比对结果按人列出（贫困人口中谁已参保、谁未参保）",
}

-- 八 结尾 ------------------------------------------------------------------------

report {
    id = "jinan2018.district_plans", clause = "八",
    title = "各区县人力资源社会保障局具体实施方案",
    text = "各区县人力资源社会保障局具体实施方案于2018年12月19日前报送市人力资源社会保障局。",
    from = "各区县人力资源社会保障局", to = "市人力资源社会保障局",
    due = { date = "2018-12-19" }, columns = {},
    note = "文字方案，无表式",
}

report {
    id = "jinan2018.annual_progress", clause = "八",
    title = "工作开展情况",
    text = "每年9月底前报送工作开展情况,市人力资源社会保障局将按要求向省人力资源社会保障厅报告工作情况。",
    from = "各区县人力资源社会保障局", to = "市人力资源社会保障局",
    due = { every = "year", month = 9, day = 30 },
    columns = {},
    note = "“9月底前”= 9月30日前，2019、2020年各一次（方案期内）；市局再“按要求”报省厅（未定日期，不另列）",
}
