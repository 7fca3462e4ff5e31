-- 鲁人社字〔2020〕41号 山东省人力资源和社会保障厅 山东省扶贫开发办公室 山东省发展和改革委员会
-- 关于印发应对新冠肺炎疫情做好人力资源社会保障扶贫工作重点措施的通知 (2020-04-14)
-- Format: docs/policy-format.md.  Tests: tests/policy/shandong_2020_41/.
--
-- Clauses are written as the document numbers them: the five sections 一..五 and the
-- sixteen measures (一)..(十六) numbered through all sections, e.g. "二(六)", "三(八)".
--
-- Readings that apply to the whole file:
-- * 贫困劳动力 / 贫困人员: the document's closing paragraph has the poverty office hand over the
--   lists of 脱贫享受政策人口 and 即时帮扶人口; together with 建档立卡贫困人口 these three
--   categories are read as the poor laborers of this document.
-- * Measures for Shandong's own poor ((一) job push, (二), (四), (六), (七), (八), (九), (十), (十四),
--   (十五)) require a hukou in Shandong ("37"); the hiring subsidies to enterprises and the
--   workshop subsidy ((一), (三), (五)) do not limit the hukou of the
--   hire (the text does not), only the workplace (Shandong).
-- * 疫情期间: the document does not delimit the epidemic period.  It is the window parameter
--   epidemic_period (unit "window", values by region, no value in this file): the benefits
--   granted 疫情期间 (一(一), 一(三), 一(四)) carry valid = { parameter = "epidemic_period" } inside
--   the document window; where it has no value for the region, no grant and a warning naming it.
--
-- Measures not encoded as benefits, and why:
-- * 一(一) first sentence (加强就业岗位供需信息对接) is encoded as the service shandong41.job_push.
-- * 一(四) last sentence (适当安排财政扶贫专项资金用于…临时岗位): a funding source for the posts of
--   shandong41.temporary_post, not a separate grant.
-- * 四(十一) 扩大高校毕业生“三支一扶”招募规模: recruitment rules for graduates serving in poor
--   areas; no payment or service to a person of the registry.
-- * 四(十二) 示范性专家服务团: no beneficiary in the registry; its numbers (不少于60个服务团,
--   2000名左右专家) are declared as targets (shandong41.expert_teams, shandong41.expert_count).
-- * 五(十三) second sentence (谨防…就业歧视): an exhortation, no grant.
-- * 五(十六) 东西部扶贫协作 (就业扶贫直通车平台, 组团式帮扶, 各市积极吸纳受援地贫困人口,
--   青岛市…对口劳务协作): duties of platforms and cities with no amount or service to a person;
--   skipped (exhortation / organisational duty).
-- * The closing paragraphs (压实责任, 动态掌握…四清, 专项治理, 总结宣传, 评选表扬): duties
--   of the departments, no beneficiary; the duty to report 重大情况 is declared as a report.

document {
    number = "鲁人社字〔2020〕41号",
    title  = "关于印发应对新冠肺炎疫情做好人力资源社会保障扶贫工作重点措施的通知",
    issuer = "山东省人力资源和社会保障厅 山东省扶贫开发办公室 山东省发展和改革委员会",
    issued = "2020-04-14",
    region = "37",
    valid  = { from = "2020-04-14" },
}

parameter {
    name  = "sd41_poor_hiring_subsidy",
    title = "疫情期间企业招用贫困劳动力一次性吸纳就业补贴标准（每人，鲁人社字〔2020〕41号一(一)“按规定”）",
    unit  = "yuan",
}

parameter {
    name  = "sd41_outflow_service_subsidy",
    title = "贫困劳动力有组织劳务输出就业创业服务补助标准（每输出1人，鲁人社字〔2020〕41号一(二)“按规定”）",
    unit  = "yuan",
}

parameter {
    name  = "sd41_job_seeking_subsidy",
    title = "贫困劳动力有组织输出到户籍所在县以外就业一次性求职创业补贴标准（鲁人社字〔2020〕41号一(二)）",
    unit  = "yuan",
}

parameter {
    name  = "sd41_workshop_epidemic_subsidy",
    title = "疫情期间正常经营的就业扶贫车间补助标准（每个车间，鲁人社字〔2020〕41号一(三)“适当补助”）",
    unit  = "yuan",
}

parameter {
    name  = "rural_public_welfare_post_subsidy",
    title = "当地乡村公益性岗位补贴标准（月）",
    unit  = "yuan_per_month",
}

parameter {
    name  = "key_enterprise_hiring_subsidy",
    title = "重点企业一次性吸纳就业补贴标准（每人）",
    unit  = "yuan",
}

parameter {
    name  = "sd41_online_training_living",
    title = "线上技能培训期间生活费补贴标准（每天，鲁人社字〔2020〕41号二(六)“一定的”）",
    unit  = "yuan_per_day",
}

parameter {
    name  = "sd41_unemployment_assistance",
    title = "受疫情影响失业的参保贫困劳动力失业补助金标准（月，不高于当地失业保险金标准）",
    unit  = "yuan_per_month",
}

parameter {
    name  = "unemployment_insurance_benefit",
    title = "当地失业保险金标准（月）",
    unit  = "yuan_per_month",
}

parameter {
    name  = "resident_pension_min_contribution",
    title = "居民养老保险最低缴费档次标准（每人每年）",
    unit  = "yuan_per_year",
}

parameter {
    name  = "epidemic_period",
    title = "疫情期间（起止日期，按地区；鲁人社字〔2020〕41号一(一)、一(三)、一(四)、三(八)“疫情期间”“受疫情影响”，文件未界定）",
    unit  = "window",
}

-- 一(一) ------------------------------------------------------------------

benefit {
    id      = "shandong41.job_push",
    name    = "就业岗位精准推送",
    clause  = "一(一)",
    text    = "加强就业岗位供需信息对接，向贫困劳动力及时推送招工、开复工时间等信息。",
    target  = "山东省贫困劳动力（建档立卡贫困人口、脱贫享受政策人口、即时帮扶人口）",
    unit    = "person",
    payee   = "person",
    kind    = "service",
    service = "及时推送适合的就业岗位、招工和开复工时间等信息",
    conditions = {
        { "category", "建档立卡贫困人口", "脱贫享受政策人口", "即时帮扶人口" },
        { "hukou_within", "37" },
    },
}

benefit {
    id     = "shandong41.hiring_subsidy",
    name   = "一次性吸纳就业补贴",
    clause = "一(一)",
    text   = "疫情期间，对招用符合条件贫困劳动力的企业，按规定给予一次性吸纳就业补贴。",
    target = "疫情期间招用符合条件贫困劳动力的山东省内企业",
    unit   = "job",
    payee  = "employer",
    valid  = { parameter = "epidemic_period" },
    conditions = {
        { "category", "建档立卡贫困人口", "脱贫享受政策人口", "即时帮扶人口" },
        { "job_within", "37" },
        { "employer_kind", "enterprise" },
    },
    amount = { once = { parameter = "sd41_poor_hiring_subsidy" } },
    note   = "“按规定”无金额，取参数 sd41_poor_hiring_subsidy（每招用1人）；“疫情期间”= 期间参数 epidemic_period（按岗位所在地取值，且不早于文件印发日）：补贴在疫情期间内到期（岗位开始之日，或疫情期间开始时已在岗）才给，无取值时不计并警告；“符合条件”的其他条件（劳动合同、社保等）按国家规定，本文件未列；农资企业、农业经营主体见 一(五)",
}

-- 一(二) ------------------------------------------------------------------

benefit {
    id     = "shandong41.outflow_service_subsidy",
    name   = "就业创业服务补助",
    clause = "一(二)",
    text   = "鼓励公共就业服务机构、人力资源服务机构、劳务经纪人开展贫困劳动力有组织劳务输出，按规定给予就业创业服务补助。",
    target = "开展山东省贫困劳动力有组织劳务输出的公共就业服务机构、人力资源服务机构、劳务经纪人",
    unit   = "job",
    payee  = "agency",
    conditions = {
        { "category", "建档立卡贫困人口", "脱贫享受政策人口", "即时帮扶人口" },
        { "hukou_within", "37" },
        { "organized" },
        { "agency_kind", "agency", "broker" },
    },
    amount = { once = { parameter = "sd41_outflow_service_subsidy" } },
    note   = "“按规定”无金额，取参数 sd41_outflow_service_subsidy，按每输出1人（每个有组织输出的岗位）计；agency = 公共就业服务机构、人力资源服务机构，broker = 劳务经纪人",
}

benefit {
    id     = "shandong41.job_seeking_subsidy",
    name   = "一次性求职创业补贴",
    clause = "一(二)",
    text   = "对贫困劳动力通过有组织输出到户籍所在县以外就业的，给予一次性求职创业补贴。",
    target = "通过有组织输出到户籍所在县以外就业的山东省贫困劳动力",
    unit   = "job",
    payee  = "person",
    conditions = {
        { "category", "建档立卡贫困人口", "脱贫享受政策人口", "即时帮扶人口" },
        { "hukou_within", "37" },
        { "organized" },
        { "job_location", "same_province", "other_province" },
    },
    amount = { once = { parameter = "sd41_job_seeking_subsidy" } },
    note   = "文件未规定金额，取参数 sd41_job_seeking_subsidy；“户籍所在县以外”= 省内外县或省外",
}

-- 一(三) ------------------------------------------------------------------

benefit {
    id     = "shandong41.workshop_epidemic_subsidy",
    name   = "就业扶贫车间疫情期间补助",
    clause = "一(三)",
    text   = "对疫情期间正常经营、吸纳贫困劳动力就业的就业扶贫车间，从创业带动就业扶持资金中给予适当补助。",
    target = "疫情期间正常经营、吸纳贫困劳动力就业的山东省就业扶贫车间",
    unit   = "org",
    payee  = "org",
    valid  = { parameter = "epidemic_period" },
    hires  = {
        { "category", "建档立卡贫困人口", "脱贫享受政策人口", "即时帮扶人口" },
        { "job_within", "37" },
    },
    conditions = {
        { "org_kind", "workshop" },
        { "org_within", "37" },
        { "hires_at_least", 1 },
    },
    amount = { once = { parameter = "sd41_workshop_epidemic_subsidy" } },
    note   = "“适当补助”无金额，取参数 sd41_workshop_epidemic_subsidy（每个车间一次）；“正常经营”由经办审核，不在计算内；“疫情期间”= 期间参数 epidemic_period（按车间所在地取值），无取值时不计并警告",
    funding = { source = "创业带动就业扶持资金", clause = "一(三)" },
}

-- 一(四) ------------------------------------------------------------------

benefit {
    id     = "shandong41.temporary_post",
    name   = "临时岗位补贴",
    clause = "一(四)",
    text   = "临时增设的保洁环卫、防疫消杀、卡点值守等岗位吸纳贫困劳动力的，参照当地乡村公益性岗位补贴标准给予岗位补贴。",
    target = "在临时增设的保洁环卫、防疫消杀、卡点值守等岗位就业的山东省贫困劳动力",
    unit   = "job",
    payee  = "person",
    conditions = {
        { "category", "建档立卡贫困人口", "脱贫享受政策人口", "即时帮扶人口" },
        { "hukou_within", "37" },
        { "job_kind", "temporary_post" },
        { "job_within", "37" },
    },
    valid  = { parameter = "epidemic_period" },
    amount = { per_month = { parameter = "rural_public_welfare_post_subsidy" } },
    note   = "“参照当地乡村公益性岗位补贴标准”，取岗位所在地参数 rural_public_welfare_post_subsidy，按在岗整月计；补贴发给在岗人员（岗位补贴随岗发放）；临时增设岗位即“疫情期间的临时岗位”（同条第二句），只计疫情期间（期间参数 epidemic_period，按岗位所在地）内的整月，无取值时不计并警告",
    funding = { source = "财政扶贫专项资金", clause = "一(四)" },
}

-- 一(五) ------------------------------------------------------------------

benefit {
    id     = "shandong41.agri_hiring_subsidy",
    name   = "一次性吸纳就业补贴（农资企业、农业经营主体）",
    clause = "一(五)",
    text   = "对吸纳贫困劳动力就业的各类农资企业、农业经营主体，参照重点企业给予一次性吸纳就业补贴。",
    target = "吸纳贫困劳动力就业的山东省各类农资企业、农业经营主体",
    unit   = "job",
    payee  = "employer",
    conditions = {
        { "category", "建档立卡贫困人口", "脱贫享受政策人口", "即时帮扶人口" },
        { "job_within", "37" },
        { "employer_kind", "agri_enterprise", "cooperative" },
    },
    amount = { once = { parameter = "key_enterprise_hiring_subsidy" } },
    note   = "“参照重点企业”，取参数 key_enterprise_hiring_subsidy（每吸纳1人）；agri_enterprise = 农资企业，cooperative = 农业经营主体（合作社等）；家庭农场等其他经营主体需登记为这两类",
}

-- 二(六) ------------------------------------------------------------------

benefit {
    id     = "shandong41.online_training_living",
    name   = "线上培训生活费补贴",
    clause = "二(六)",
    text   = "2020年3月下旬至6月底，集中实施线上培训行动，对参加线上培训的贫困劳动力，在培训期间给予一定的生活费补贴。",
    target = "2020年3月下旬至6月底参加线上技能培训的山东省贫困劳动力",
    unit   = "training",
    payee  = "person",
    valid  = { from = "2020-03-21", to = "2020-06-30" },
    conditions = {
        { "category", "建档立卡贫困人口", "脱贫享受政策人口", "即时帮扶人口" },
        { "hukou_within", "37" },
        { "training_kind", "online" },
        { "training_between", "2020-03-21", "2020-06-30" },
    },
    amount = { per_day = { parameter = "sd41_online_training_living" } },
    note   = "“3月下旬”读作3月21日起（下旬 = 每月21日至月末），“6月底”= 6月30日；“一定的”无金额，取参数 sd41_online_training_living，按培训天数计（“在培训期间”）；培训须在该窗口内开始并结束（training_between），跨窗口的培训不计",
}

-- 二(七) ------------------------------------------------------------------

benefit {
    id      = "shandong41.five_free_one_share",
    name    = "技工院校“五免一享”",
    clause  = "二(七)",
    text    = "遴选优秀技工院校为建档立卡贫困家庭学生提供“五免一享”政策，做到免学费、免住宿费、免教材费、免费提供勤工俭学岗位、免费推荐就业岗位和享受国家助学金。",
    target  = "就读遴选技工院校的山东省建档立卡贫困家庭学生",
    unit    = "person",
    payee   = "person",
    kind    = "service",
    service = "免学费；免住宿费；免教材费；免费提供勤工俭学岗位；免费推荐就业岗位；享受国家助学金",
    conditions = {
        { "category", "建档立卡贫困人口", "脱贫享受政策人口", "即时帮扶人口" },
        { "hukou_within", "37" },
        { "enrolled", "technical_school" },
    },
    note    = "就读技工院校 = 在籍记录（enrolled technical_school），服务落在在籍期间；文件未限全日制（对照济南三(二)“全日制”），未加 full_time；“遴选优秀技工院校”的名单不在文件内，由经办核对；学校所在地文件未限（省内外遴选院校均可）",
}

-- 三(八) ------------------------------------------------------------------

benefit {
    id     = "shandong41.unemployment_assistance",
    name   = "失业补助金",
    clause = "三(八)",
    text   = "对受疫情影响失业的参保贫困劳动力，按照不高于当地失业保险金标准发放失业补助金。",
    target = "受疫情影响失业的参保山东省贫困劳动力",
    unit   = "person",
    payee  = "person",
    conditions = {
        { "category", "建档立卡贫困人口", "脱贫享受政策人口", "即时帮扶人口" },
        { "hukou_within", "37" },
        { "unemployed_since_between", { parameter = "epidemic_period" } },
        { "insured_before_loss", 1 },
    },
    amount = { per_month = { parameter = "sd41_unemployment_assistance" },
               at_most = { parameter = "unemployment_insurance_benefit" } },
    note   = "标准取参数 sd41_unemployment_assistance，“不高于当地失业保险金标准”= at_most 参数 unemployment_insurance_benefit（按月取较低者；任一未设则不计并警告）。“受疫情影响失业”读作最后一次失业（工作结束且未接续）落在疫情期间（期间参数 epidemic_period，按户籍地取值，无取值时不计并警告）；“参保”读作失业前的工作中缴纳社会保险至少1个月（insured_before_loss 1）；按失业后到再就业前的整月发放，发放月数文件未规定，不另设上限",
}

-- 三(九) ------------------------------------------------------------------

benefit {
    id      = "shandong41.pension_contribution_paid",
    name    = "全额代缴最低标准居民养老保险费",
    clause  = "三(九)",
    text    = "为符合参加居民养老保险条件的缴费年龄段脱贫享受政策人口和即时帮扶人口全额代缴最低标准的居民养老保险费，实现应保尽保，未参保人员动态清零。",
    target  = "符合参加居民养老保险条件的缴费年龄段脱贫享受政策人口和即时帮扶人口",
    unit    = "person",
    payee   = "person",
    kind    = "service",
    service = "政府全额代缴最低缴费档次的居民养老保险费",
    conditions = {
        { "category", "脱贫享受政策人口", "即时帮扶人口" },
        { "hukou_within", "37" },
        { "age_between", 16, 59 },
        { "not", { "insured" } },
    },
    amount  = { per_year = { parameter = "resident_pension_min_contribution" } },
    note    = "缴费年龄段按城乡居民基本养老保险制度（国发〔2014〕8号：年满16周岁、未满60周岁，男女相同）读作16–59周岁；“符合参加居民养老保险条件”读作未参加职工社会保险（not insured）；国发〔2014〕8号“不含在校学生”，在籍记录只覆盖技工、中职、高职院校，普通高校学生仍由经办核对；金额为最低缴费档次（参数 resident_pension_min_contribution，每人每年，unit yuan_per_year），per_year：计算期间（窗口）内每个自然年一次，以该年1月1日（或期间首日）符合条件为准，计在该月",
}

-- 三(十) ------------------------------------------------------------------

benefit {
    id      = "shandong41.pension_paid_on_time",
    name    = "按时足额发放居民养老保险待遇",
    clause  = "三(十)",
    text    = "为符合居民养老保险待遇领取条件的脱贫享受政策人口和即时帮扶人口，按时足额发放居民养老保险待遇。",
    target  = "符合居民养老保险待遇领取条件的脱贫享受政策人口和即时帮扶人口",
    unit    = "person",
    payee   = "person",
    kind    = "service",
    service = "按时足额发放居民养老保险待遇",
    conditions = {
        { "category", "脱贫享受政策人口", "即时帮扶人口" },
        { "hukou_within", "37" },
        { "age_between", 60, 150 },
    },
    note    = "待遇领取条件按城乡居民基本养老保险制度读作年满60周岁（缴费年限等其他条件由社保经办核对）；待遇金额不由本文件规定",
}

-- 五(十三) ----------------------------------------------------------------

benefit {
    id      = "shandong41.hubei_labor_support",
    name    = "湖北贫困劳动力来鲁务工帮扶",
    clause  = "五(十三)",
    text    = "集中从4月到6月帮扶湖北贫困劳动力来鲁务工，按规定统筹使用就业补助资金和扶贫资金落实就业扶持政策。……对湖北籍贫困劳动力来鲁务工给予更多支持。",
    target  = "2020年4月至6月来鲁务工的湖北籍贫困劳动力",
    unit    = "job",
    payee   = "person",
    kind    = "service",
    service = "定向招聘；按规定统筹使用就业补助资金和扶贫资金落实就业扶持政策；给予更多支持",
    valid   = { from = "2020-04-01", to = "2020-06-30" },
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "42" },
        { "job_within", "37" },
        { "job_start_between", "2020-04-01", "2020-06-30" },
    },
    note    = "“4月到6月”读作2020-04-01至2020-06-30来鲁就业；湖北籍贫困劳动力的类别按湖北省建档立卡；就业扶持政策的具体金额按规定，本文件未定",
}

-- 五(十四) ----------------------------------------------------------------

status {
    id     = "shandong41.large_relocation_site",
    name   = "搬迁贫困人口超过800人的集中安置区",
    clause = "五(十四)",
    text   = "济南市、泰安市、临沂市、菏泽市涉及易地扶贫搬迁的县(区)，健全安置区公共就业服务体系，对搬迁贫困人口超过800人的集中安置区开展专项帮扶。",
    target = "济南、泰安、临沂、菏泽涉及易地扶贫搬迁县(区)中搬迁贫困人口超过800人的集中安置区",
    unit   = "org",
    residents = {
        { "category", "易地扶贫搬迁人口" },
    },
    conditions = {
        { "org_kind", "relocation_site" },
        { "org_within", "3701", "3709", "3713", "3717" },
        { "residents_at_least", 801 },
    },
    note   = "“超过800人”不含800人：居住在该安置区（residence）的易地扶贫搬迁人口至少801人；集中安置区为 org kind relocation_site；3701 济南、3709 泰安、3713 临沂、3717 菏泽",
}

status {
    id     = "shandong41.large_relocation_site_resident",
    name   = "搬迁贫困人口超过800人的集中安置区安置人口",
    clause = "五(十四)",
    text   = "济南市、泰安市、临沂市、菏泽市涉及易地扶贫搬迁的县(区)，健全安置区公共就业服务体系，对搬迁贫困人口超过800人的集中安置区开展专项帮扶。",
    target = "济南、泰安、临沂、菏泽涉及易地扶贫搬迁县(区)中搬迁贫困人口超过800人的集中安置区的搬迁贫困人口",
    unit   = "person",
    conditions = {
        { "category", "易地扶贫搬迁人口" },
        { "resident_of_status", "shandong41.large_relocation_site" },
    },
    note   = "安置区的状态见 shandong41.large_relocation_site（按居住人数计算，不再用类别“超800人集中安置区安置人口”）；本状态为居住在这类安置区的搬迁贫困人口",
}

benefit {
    id      = "shandong41.relocation_site_support",
    name    = "易地扶贫搬迁集中安置区专项帮扶",
    clause  = "五(十四)",
    text    = "对搬迁贫困人口超过800人的集中安置区开展专项帮扶。",
    target  = "搬迁贫困人口超过800人的集中安置区的搬迁贫困人口",
    unit    = "person",
    payee   = "person",
    kind    = "service",
    service = "安置区专项帮扶；健全的安置区公共就业服务",
    conditions = {
        { "status", "shandong41.large_relocation_site_resident" },
    },
}

-- 五(十五) ----------------------------------------------------------------

benefit {
    id      = "shandong41.yellow_river_registration",
    name    = "黄河滩区迁建居民就业失业登记",
    clause  = "五(十五)",
    text    = "将劳动年龄内有就业意愿的黄河滩区迁建居民纳入就业失业登记范围，落实就业创业优惠扶持政策，提供免费公共就业创业服务。",
    target  = "劳动年龄内有就业意愿的黄河滩区迁建居民",
    unit    = "person",
    payee   = "person",
    kind    = "service",
    service = "纳入就业失业登记范围，落实就业创业优惠扶持政策",
    conditions = {
        { "category", "黄河滩区迁建居民" },
        { "hukou_within", "37" },
        { "working_age", 16, 59, 54 },
        { "wants_job" },
    },
    note    = "劳动年龄读作16周岁至法定退休年龄：男16–59周岁、女16–54周岁（就业失业登记的劳动年龄口径：男60周岁、女55周岁前），性别取身份证号第17位或 sex，性别不明不计；“有就业意愿”= 本人申报（wants_job）",
}

benefit {
    id      = "shandong41.yellow_river_free_services",
    name    = "黄河滩区迁建居民免费公共就业创业服务",
    clause  = "五(十五)",
    text    = "将劳动年龄内有就业意愿的黄河滩区迁建居民纳入就业失业登记范围，落实就业创业优惠扶持政策，提供免费公共就业创业服务。",
    target  = "劳动年龄内有就业意愿的黄河滩区迁建居民",
    unit    = "person",
    payee   = "person",
    kind    = "service",
    service = "免费公共就业创业服务",
    conditions = {
        { "category", "黄河滩区迁建居民" },
        { "hukou_within", "37" },
        { "working_age", 16, 59, 54 },
        { "wants_job" },
    },
    note    = "劳动年龄与就业意愿的读法同 shandong41.yellow_river_registration",
}

-- 四(十二) -------------------------------------------------------------------

target {
    id = "shandong41.expert_teams", clause = "四(十二)",
    text = "全年组织不少于60个重点示范性专家服务团、2000名左右专家赴贫困地区助力脱贫攻坚。",
    indicator = "组织赴贫困地区的重点示范性专家服务团个数",
    comparator = "at_least", value = 60, unit = "个", year = 2020,
    note = "“全年”= 文件印发当年2020年",
}

target {
    id = "shandong41.expert_count", clause = "四(十二)",
    text = "全年组织不少于60个重点示范性专家服务团、2000名左右专家赴贫困地区助力脱贫攻坚。",
    indicator = "组织赴贫困地区助力脱贫攻坚的专家人数",
    comparator = "about", value = 2000, unit = "人", year = 2020,
    note = "“全年”= 文件印发当年2020年；“左右”为约数（about）",
}

-- Closing paragraph -----------------------------------------------------------

report {
    id = "shandong41.major_situations", clause = "结尾",
    title = "工作中遇到的重大情况",
    text = "各地工作中遇到的重大情况要及时向省人力资源社会保障厅、省扶贫开发办、省发展改革委报告。",
    from = "各地（各市人力资源社会保障局、扶贫开发办、发展改革委）",
    to = "省人力资源社会保障厅、省扶贫开发办、省发展改革委",
    due = { every = "continuous" }, columns = {},
    note = "“及时”报告，无固定日期与表式",
}
