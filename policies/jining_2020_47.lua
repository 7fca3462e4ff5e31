-- 济人社字〔2020〕47号 济宁市人力资源和社会保障局 济宁市发展和改革委员会
-- 关于进一步做好鲁渝劳务扶贫协作工作的通知 (2020-04-27)
-- Format: docs/policy-format.md.  Tests: tests/policy/jining_47/.
-- 四(一): measures for 万州区 poor laborers paid from 济宁市援助资金;
-- 四(二): measures for 万州区 poor laborers stably employed in 济宁, paid from 济宁市就业补助资金.
--   Its lead sentence governs items 1–5: “对在我市稳定就业6个月以上万州区建档立卡贫困劳动力，…签订6个月以上
--   劳动合同并按规定缴纳社会保险费的，按照规定享受社会保险补贴、岗位补贴、培训补贴和扶贫车间一次性奖补等补贴
--   政策”: each of them requires a job in 济宁 lasting 6 months by the end of the period, a contract of 6
--   months or more and insurance paid now (for the trainings of 3 and 4: the job with the employer
--   that trains, provider_job).
-- Per-month benefits for work or a post are paid per month worked (per_worked_month): whole
-- months from the start day, each paid in the month it ends.

document {
    number = "济人社字〔2020〕47号",
    title  = "关于进一步做好鲁渝劳务扶贫协作工作的通知",
    issuer = "济宁市人力资源和社会保障局 济宁市发展和改革委员会",
    issued = "2020-04-27",
    region = "370800",
    valid  = { from = "2020-01-01", to = "2021-12-31" },
}

parameter {
    name  = "min_wage",
    title = "当地最低工资标准（月）",
    unit  = "yuan_per_month",
}

parameter {
    name  = "public_welfare_post_subsidy",
    title = "当地公益性岗位补贴标准（月）",
    unit  = "yuan_per_month",
}

parameter {
    name  = "public_welfare_post_subsidy_months",
    title = "公益性岗位补贴期限（月，济人社字〔2020〕47号四(二)2“期限按照公益性岗位补贴管理规定执行”）",
    unit  = "months",
}

parameter {
    name  = "difficult_person_social_insurance_subsidy",
    title = "就业困难人员社会保险补贴标准（月）",
    unit  = "yuan_per_month",
}

parameter {
    name  = "wanzhou_workshop_construction_subsidy",
    title = "万州区就业扶贫车间一次性建设补助标准",
    unit  = "yuan",
}

parameter {
    name  = "wanzhou_training_subsidy",
    title = "万州区职业培训补贴标准（每人）",
    unit  = "yuan",
}

-- 四(一)1 ------------------------------------------------------------------

benefit {
    id     = "jining47.transport_meal",
    name   = "一次性交通伙食补助",
    clause = "四(一)1",
    text   = "对来济宁市稳定就业3个月以上的贫困人员，给予1500元的一次性交通伙食补助",
    target = "来济宁市稳定就业3个月以上的万州区建档立卡贫困劳动力",
    unit   = "job",
    payee  = "person",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "500101" },
        { "job_within", "370800" },
        { "job_months_at_least", 3 },
    },
    amount = { once = 1500 },
    funding = { source = "济宁市援助资金", clause = "四(一)" },
}

benefit {
    id     = "jining47.cross_province",
    name   = "跨省就业补贴",
    clause = "四(一)1",
    text   = "对来济宁市稳定就业3个月以上的贫困人员，给予……每月1000元的跨省就业补贴（补贴期限不超过6个月）",
    target = "来济宁市稳定就业3个月以上的万州区建档立卡贫困劳动力",
    unit   = "job",
    payee  = "person",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "500101" },
        { "job_within", "370800" },
        { "job_months_at_least", 3 },
    },
    amount = { per_worked_month = 1000, max_months = 6 },
    note   = "稳定就业3个月（自入职日起算的3个整月，到计算期间末日或离职日满足）是享受条件；补贴按实际工作月数（自入职日，或2020年1月1日前入职的自该日，起算的整月）计发，每满一个工作月在其结束的月份计发，最多6个月",
    funding = { source = "济宁市援助资金", clause = "四(一)" },
}

-- 四(一)2 ------------------------------------------------------------------

benefit {
    id     = "jining47.wanzhou_post",
    name   = "万州区属企业一次性岗位补贴",
    clause = "四(一)2",
    text   = "鼓励万州区属企业吸纳贫困人员就业，与其签订劳动合同、连续缴纳1年以上（仍在缴纳社会保险费）部分企业，按照6000元/人的标准给予一次性岗位补贴",
    target = "吸纳万州区建档立卡贫困劳动力的万州区属企业",
    unit   = "job",
    payee  = "employer",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "500101" },
        { "job_within", "500101" },
        { "employer_kind", "enterprise", "agri_enterprise" },
        { "insurance_months_at_least", 12 },
        { "insured" },
    },
    amount = { once = 6000 },
    note   = "“签订劳动合同、连续缴纳1年以上（仍在缴纳）社会保险费”：文件规定的是缴费满1年（12个月，含）且仍在缴纳，未规定劳动合同期限，不设合同期限条件；在该企业缴纳社会保险即以签订劳动合同计",
    funding = { source = "济宁市援助资金", clause = "四(一)" },
}

-- 四(一)3 ------------------------------------------------------------------

benefit {
    id     = "jining47.wanzhou_workshop_construction",
    name   = "就业扶贫车间一次性建设补助",
    clause = "四(一)3",
    text   = "万州区会同当地扶贫办审核认定就业扶贫车间，吸纳贫困劳动力就地就近就业，每个扶贫车间给予一次性建设补助资金",
    target = "万州区认定的吸纳贫困劳动力的就业扶贫车间",
    unit   = "org",
    payee  = "org",
    hires  = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "500101" },
        { "job_within", "500101" },
    },
    conditions = {
        { "org_kind", "workshop" },
        { "org_within", "500101" },
        { "hires_at_least", 1 },
    },
    amount = { once = { parameter = "wanzhou_workshop_construction_subsidy" } },
    note   = "文件未规定金额，按万州区标准（参数）发放；未设参数时不计金额并给出警告",
    funding = { source = "济宁市援助资金", clause = "四(一)" },
}

-- 四(一)4 ------------------------------------------------------------------

benefit {
    id     = "jining47.wanzhou_public_welfare",
    name   = "公益性岗位就业补贴",
    clause = "四(一)4",
    text   = "针对无法离乡、无业可扶、无法通过市场化实现就业的“三无”贫困劳动力，万州区人社局通过开发保洁、公路养护等公益性岗位实行托底安置，按照每人990元/月标准发放就业补贴",
    target = "万州区“三无”建档立卡贫困劳动力",
    unit   = "job",
    payee  = "person",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "500101" },
        { "three_no" },
        { "job_kind", "public_welfare_post" },
        { "job_within", "500101" },
    },
    amount = { per_worked_month = 990 },
    note   = "“按照每人990元/月标准发放”：按在岗的实际工作月数（自上岗日起算的整月）计发，每满一个工作月在其结束的月份计发",
    funding = { source = "济宁市援助资金", clause = "四(一)" },
}

-- 四(一)5 ------------------------------------------------------------------

benefit {
    id     = "jining47.wanzhou_training_subsidy",
    name   = "培训补贴（万州区）",
    clause = "四(一)5",
    text   = "万州区人社局对有劳动能力和培训意愿的贫困人员进行特色专业技能培训、岗前培训和岗位技能提升培训，按规定给予培训补贴",
    target = "参加万州区培训的建档立卡贫困劳动力",
    unit   = "training",
    payee  = "person",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "500101" },
        { "training_within", "500101" },
        { "training_kind", "skill", "pre_job" },
    },
    amount = { once = { parameter = "wanzhou_training_subsidy" } },
    note   = "“按规定”无金额，取参数 wanzhou_training_subsidy",
    funding = { source = "济宁市援助资金", clause = "四(一)" },
}

benefit {
    id     = "jining47.wanzhou_training_living",
    name   = "培训期间生活费补贴（万州区）",
    clause = "四(一)5",
    text   = "培训期间给予每人每天不低于50元生活费补贴",
    target = "参加万州区培训的建档立卡贫困劳动力",
    unit   = "training",
    payee  = "person",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "500101" },
        { "training_within", "500101" },
        { "training_kind", "skill", "pre_job" },
    },
    amount = { per_day = 50 },
    note   = "“不低于50元”是下限，按下限50元/天计",
    funding = { source = "济宁市援助资金", clause = "四(一)" },
}

-- 四(二)1 ------------------------------------------------------------------

benefit {
    id     = "jining47.social_insurance_subsidy",
    name   = "社会保险补贴",
    clause = "四(二)1",
    text   = "对在我市稳定就业6个月以上的万州区建档立卡贫困劳动力，签订6个月以上劳动合同并按规定缴纳社会保险费的，按就业困难人员落实社会保险补贴政策",
    target = "在济宁稳定就业6个月以上、签订6个月以上劳动合同并参保的万州区建档立卡贫困劳动力",
    unit   = "job",
    payee  = "employer",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "500101" },
        { "job_within", "370800" },
        { "job_months_at_least", 6 },
        { "contract_months_at_least", 6 },
        { "insured" },
    },
    amount = { per_worked_month = { parameter = "difficult_person_social_insurance_subsidy" } },
    note   = "标准按就业困难人员社会保险补贴（参数）；按实际工作月数计发（自入职日起算的整月，在其结束的月份计发）；补贴期限按就业困难人员政策，本文件未规定",
    funding = { source = "济宁市就业补助资金", clause = "四(二)" },
}

-- 四(二)2 ------------------------------------------------------------------

benefit {
    id     = "jining47.post_subsidy",
    name   = "岗位补贴",
    clause = "四(二)2",
    text   = "对招用万州区建档立卡贫困劳动力的单位给予岗位补贴，补贴标准和期限按照公益性岗位补贴管理规定执行",
    target = "招用在济宁稳定就业6个月以上的万州区建档立卡贫困劳动力的单位",
    unit   = "job",
    payee  = "employer",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "500101" },
        { "job_within", "370800" },
        { "job_months_at_least", 6 },
        { "contract_months_at_least", 6 },
        { "insured" },
    },
    amount = { per_worked_month = { parameter = "public_welfare_post_subsidy" },
               max_months = { parameter = "public_welfare_post_subsidy_months" } },
    note   = "“补贴标准和期限按照公益性岗位补贴管理规定执行”：标准取参数 public_welfare_post_subsidy，期限取参数 public_welfare_post_subsidy_months（月），任一未设时不计并警告；按实际工作月数计发；受四(二)导语约束（稳定就业6个月以上、6个月以上劳动合同、参保）",
    funding = { source = "济宁市就业补助资金", clause = "四(二)" },
}

-- 四(二)3 ------------------------------------------------------------------

benefit {
    id     = "jining47.cert_training",
    name   = "职业培训补贴（取证）",
    clause = "四(二)3",
    text   = "对吸纳万州区建档立卡贫困劳动力的企业，自签订劳动合同之日起1年内开展岗位技能培训的，取得相关证书后，分别按照初级不高于1000元/人、中级不高于1500元/人、高级不高于2000元/人标准给予职业培训补贴",
    target = "吸纳万州区建档立卡贫困劳动力并在1年内开展岗位技能培训的企业",
    unit   = "training",
    payee  = "employer",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "500101" },
        { "training_kind", "skill" },
        { "training_within", "370800" },
        { "employer_kind", "enterprise", "agri_enterprise", "workshop", "base" },
        { "training_within_months_of_hire", 12 },
        { "certificate", "初级", "中级", "高级" },
        { "provider_job",
            { "job_within", "370800" },
            { "job_months_at_least", 6 },
            { "contract_months_at_least", 6 },
            { "insured" },
        },
    },
    amount = {
        once = { by = "certificate", ["初级"] = 1000, ["中级"] = 1500, ["高级"] = 2000 },
        up_to_cost = "cost",
    },
    not_with = { "jining47.work_as_training" },
    note   = "四(二)导语（稳定就业6个月以上、签订6个月以上劳动合同、缴纳社会保险费）适用于本项：培训单位须是与该劳动力有此工作的济宁用人单位（provider_job）；补贴在培训结束且该工作满6个月之时计发",
    funding = { source = "济宁市就业补助资金", clause = "四(二)" },
}

benefit {
    id     = "jining47.training_living",
    name   = "职业技能培训生活补贴",
    clause = "四(二)3",
    text   = "参加职业技能培训期间给予生活补贴，补贴标准为当地最低工资的60%，补贴期限按照实际培训天数确定，最长不超过60天",
    target = "参加用人单位1年内开展的岗位技能培训的万州区建档立卡贫困劳动力",
    unit   = "training",
    payee  = "person",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "500101" },
        { "training_kind", "skill" },
        { "training_within", "370800" },
        { "training_within_months_of_hire", 12 },
        { "provider_job",
            { "job_within", "370800" },
            { "job_months_at_least", 6 },
            { "contract_months_at_least", 6 },
            { "insured" },
        },
    },
    amount = {
        per_day  = { parameter = "min_wage", percent = 60, days_per_month = 21.75 },
        max_days = 60,
    },
    note   = "日标准 = 培训地月最低工资 × 60% ÷ 21.75（月计薪天数），四舍五入到分；“最长不超过60天”按每人累计（各次培训合计）至多60天；文件执行期限（2020年1月1日起）之前的培训天数不计；受四(二)导语约束，培训单位须是与该劳动力有稳定工作（6个月以上、6个月以上劳动合同、参保）的济宁用人单位",
    funding = { source = "济宁市就业补助资金", clause = "四(二)" },
}

-- 四(二)4 ------------------------------------------------------------------

benefit {
    id     = "jining47.work_as_training",
    name   = "以工代训补贴",
    clause = "四(二)4",
    text   = "开展以工代训（时间30天以上），按每吸纳一人给予生产经营主体1000元的一次性补贴，不与其他形式的职业培训补贴重复享受",
    target = "对万州区建档立卡贫困劳动力开展以工代训的生产经营主体",
    unit   = "training",
    payee  = "employer",
    conditions = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "500101" },
        { "training_kind", "work_as_training" },
        { "training_within", "370800" },
        { "training_days_at_least", 30 },
        { "provider_job",
            { "job_within", "370800" },
            { "job_months_at_least", 6 },
            { "contract_months_at_least", 6 },
            { "insured" },
        },
    },
    amount   = { once = 1000 },
    not_with = { "jining47.cert_training" },
    note     = "“时间30天以上”含30天；“按每吸纳一人给予生产经营主体”：只给吸纳（雇用）该劳动力并开展以工代训的单位（培训单位即用人单位，provider_job），不给其他单位；受四(二)导语约束（该工作稳定6个月以上、6个月以上劳动合同、参保）",
    funding = { source = "济宁市就业补助资金", clause = "四(二)" },
}

-- 四(二)5 ------------------------------------------------------------------

status {
    id     = "jining47.base_qualified",
    name   = "吸纳就业10人以上或占职工总数20%以上的就业扶贫基地（车间）",
    clause = "四(二)5",
    text   = "对吸纳就业10人以上或占职工总数20%以上、成效较好的就业扶贫基地（车间），每吸纳1人按照3000元的标准给予一次性奖补",
    target = "吸纳万州区建档立卡贫困劳动力10人以上或占职工总数20%以上的济宁市就业扶贫基地（车间）",
    unit   = "org",
    certifies = { "workshop", "base" },
    hires  = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "500101" },
        { "job_within", "370800" },
        { "job_months_at_least", 6 },
        { "contract_months_at_least", 6 },
        { "insured" },
        { "employed_at_period_end" },
    },
    conditions = {
        { "org_kind", "workshop", "base" },
        { "org_within", "370800" },
        { "any", { "hires_at_least", 10 }, { "hires_share_at_least", 20 } },
    },
    note   = "奖补的门槛（四(二)5）：吸纳人数为计算期间末日（认定之日）仍在该基地（车间）就业、满足四(二)导语（在济宁稳定就业6个月以上、6个月以上劳动合同、参保）的万州区建档立卡贫困劳动力人数，同一人多段工作计1人；“10人以上”“20%以上”含本数。certifies：bangfu org certify --as workshop|base 对济宁市内的单位按本条核验；已登记认定决定的单位，计算时以认定决定为准",
}

benefit {
    id     = "jining47.base_award",
    name   = "就业扶贫基地（车间）一次性奖补",
    clause = "四(二)5",
    text   = "对吸纳就业10人以上或占职工总数20%以上、成效较好的就业扶贫基地（车间），每吸纳1人按照3000元的标准给予一次性奖补",
    target = "吸纳万州区建档立卡贫困劳动力的就业扶贫基地（车间）",
    unit   = "org",
    payee  = "org",
    hires  = {
        { "category", "建档立卡贫困人口" },
        { "hukou_within", "500101" },
        { "job_within", "370800" },
        { "job_months_at_least", 6 },
        { "contract_months_at_least", 6 },
        { "insured" },
        { "employed_at_period_end" },
    },
    conditions = {
        { "status", "jining47.base_qualified" },
    },
    amount = { once = 3000, per_head = true },
    note   = "“成效较好”由经办审核，不在计算内；吸纳人数为计算期间末日（奖补认定之日）仍在该基地（车间）就业、满足四(二)导语（在济宁稳定就业6个月以上、6个月以上劳动合同、参保）的万州区建档立卡贫困劳动力人数：同一人多段工作计1人、每人奖补一次，已离开的不计；“10人以上”“20%以上”含本数",
    funding = { source = "济宁市就业补助资金", clause = "四(二)" },
}

-- 一 目标任务 ------------------------------------------------------------------

target {
    id         = "jining47.wanzhou_assistance",
    clause     = "一",
    text       = "2020年对万州区贫困人口就业帮扶不少于520人，其中转移贫困人口到济宁市就业不少于40人、帮扶贫困人口就地就近就业不少于230人、帮扶培训贫困人口不少于250人",
    indicator  = "对万州区贫困人口就业帮扶人数",
    comparator = "at_least", value = 520, unit = "人", year = 2020, region = "500101",
    population = { { "category", "建档立卡贫困人口" }, { "hukou_within", "500101" } },
    measure    = { count = "parts" },
}

target {
    id         = "jining47.transfer_to_jining",
    clause     = "一",
    text       = "其中转移贫困人口到济宁市就业不少于40人",
    indicator  = "转移万州区贫困人口到济宁市就业人数",
    comparator = "at_least", value = 40, unit = "人", year = 2020, region = "370800",
    part_of    = "jining47.wanzhou_assistance",
    population = { { "category", "建档立卡贫困人口" }, { "hukou_within", "500101" } },
    measure    = { count = "employed", within = "370800" },
}

target {
    id         = "jining47.local_employment",
    clause     = "一",
    text       = "帮扶贫困人口就地就近就业不少于230人",
    indicator  = "帮扶万州区贫困人口就地就近就业人数",
    comparator = "at_least", value = 230, unit = "人", year = 2020, region = "500101",
    part_of    = "jining47.wanzhou_assistance",
    population = { { "category", "建档立卡贫困人口" }, { "hukou_within", "500101" } },
    measure    = { count = "employed", within = "500101" },
}

target {
    id         = "jining47.training",
    clause     = "一",
    text       = "帮扶培训贫困人口不少于250人",
    indicator  = "帮扶培训万州区贫困人口人数",
    comparator = "at_least", value = 250, unit = "人", year = 2020, region = "500101",
    part_of    = "jining47.wanzhou_assistance",
    population = { { "category", "建档立卡贫困人口" }, { "hukou_within", "500101" } },
    measure    = { count = "trained" },
}
