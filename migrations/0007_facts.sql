-- 0007 facts: the organisations and the facts about people that the policy files
-- read (docs/policy-format.md, "The calc input"), loaded by `bangfu import orgs`,
-- `import jobs`, `import trainings`, `import enrolments`, `import residences` and
-- `import insurance` (issue 12), so that `bangfu calc` runs over the stored
-- population.  Kinds are stored as the policy format's codes (enterprise,
-- workshop, ...; the import maps the Chinese words to them).  Money is fen,
-- hours are tenths of an hour, dates ISO 8601, regions canonical 12 digits.
-- As for people (0005), references are checked by the writers, not by foreign
-- keys: an import refuses a row naming an unknown person, organisation or
-- region, and nothing deletes people or organisations.

-- Organisations, keyed by 统一社会信用代码 (GB 32100-2015, check digit verified).
CREATE TABLE orgs (
    org_code      TEXT CONSTRAINT orgs_key PRIMARY KEY,  -- 18 characters, uppercase
    name          TEXT NOT NULL,                 -- 单位名称
    kind          TEXT NOT NULL,                 -- enterprise workshop base agency broker cooperative agri_enterprise relocation_site training_institution
    region        TEXT NOT NULL,                 -- 所在地区划代码, a code of regions
    staff         BIGINT,                        -- 职工人数, NULL when not known
    free_premises INTEGER NOT NULL DEFAULT 0,    -- 免费提供场地: 1 yes, 0 no
    contact       TEXT,                          -- 联系人
    phone         TEXT,                          -- 联系电话
    created_batch BIGINT NOT NULL,               -- a batch of batches (same transaction)
    updated_batch BIGINT NOT NULL
);
CREATE INDEX orgs_region ON orgs (region);

-- Employment spells (就业状态), keyed by person, employer and start day.
CREATE TABLE jobs (
    id_number        TEXT NOT NULL,              -- a person of people
    employer         TEXT NOT NULL DEFAULT '',   -- an org of orgs; '' for agriculture and self_employed
    start_date       TEXT NOT NULL,              -- 开始日期
    end_date         TEXT,                       -- 结束日期, NULL while ongoing
    region           TEXT NOT NULL,              -- 工作地区划代码
    kind             TEXT NOT NULL,              -- enterprise workshop base public_welfare_post temporary_post agriculture self_employed
    contract_months  INTEGER,                    -- 劳动合同期限（月）
    insurance_months INTEGER,                    -- 参保月数
    monthly_income   BIGINT,                     -- 月收入, fen
    hours_tenths     INTEGER,                    -- 每月工时, tenths of an hour
    agency           TEXT,                       -- 输出机构 (an org): organised outflow when given
    travel_cost      BIGINT,                     -- 交通费用, fen
    created_batch    BIGINT NOT NULL,
    updated_batch    BIGINT NOT NULL,
    CONSTRAINT jobs_key PRIMARY KEY (id_number, employer, start_date)
);
CREATE INDEX jobs_employer ON jobs (employer);
CREATE INDEX jobs_region ON jobs (region);

-- Trainings, keyed by person, provider, kind and start day.
CREATE TABLE trainings (
    id_number          TEXT NOT NULL,            -- a person of people
    provider           TEXT NOT NULL DEFAULT '', -- 培训机构 (an org), '' when not known
    kind               TEXT NOT NULL,            -- skill online work_as_training pre_job
    start_date         TEXT NOT NULL,
    end_date           TEXT NOT NULL,
    region             TEXT,                     -- 培训地区划代码
    days               INTEGER,                  -- 培训天数
    total_hours_tenths INTEGER,                  -- 总课时
    online_hours_tenths INTEGER,                 -- 线上学时
    certificate        TEXT,                     -- 初级 中级 高级, NULL for none
    cost               BIGINT,                   -- 培训费用, fen
    created_batch      BIGINT NOT NULL,
    updated_batch      BIGINT NOT NULL,
    CONSTRAINT trainings_key PRIMARY KEY (id_number, provider, kind, start_date)
);
CREATE INDEX trainings_provider ON trainings (provider);
CREATE INDEX trainings_region ON trainings (region);

-- School enrolments (technical_school secondary_vocational higher_vocational).
CREATE TABLE enrolments (
    id_number     TEXT NOT NULL,                 -- a person of people
    school_kind   TEXT NOT NULL,
    start_date    TEXT NOT NULL,
    end_date      TEXT,                          -- NULL while enrolled
    school_region TEXT,
    full_time     INTEGER NOT NULL DEFAULT 1,    -- 全日制: 1 yes, 0 no
    school_name   TEXT,
    created_batch BIGINT NOT NULL,
    updated_batch BIGINT NOT NULL,
    CONSTRAINT enrolments_key PRIMARY KEY (id_number, school_kind, start_date)
);

-- Where a person lives at a relocation site (易地扶贫搬迁安置区, an org of kind relocation_site).
CREATE TABLE residences (
    id_number     TEXT CONSTRAINT residences_key PRIMARY KEY,  -- a person of people
    site          TEXT NOT NULL,                 -- an org of orgs
    since         TEXT,                          -- 入住日期, NULL when not known
    created_batch BIGINT NOT NULL,
    updated_batch BIGINT NOT NULL
);
CREATE INDEX residences_site ON residences (site);

-- Social insurance (险种, 参保状态, 参保日期) from the social insurance agency's list.
CREATE TABLE insurance (
    id_number     TEXT NOT NULL,                 -- a person of people
    scheme        TEXT NOT NULL,                 -- 险种
    status        TEXT NOT NULL,                 -- 参保状态
    since         TEXT,                          -- 参保日期
    created_batch BIGINT NOT NULL,
    updated_batch BIGINT NOT NULL,
    CONSTRAINT insurance_key PRIMARY KEY (id_number, scheme)
);

-- Person facts the policies read that 0001 did not hold: 三无 and 有就业意愿
-- (NULL: not stated in any list).
ALTER TABLE people ADD COLUMN three_no INTEGER;
ALTER TABLE people ADD COLUMN wants_job INTEGER;

-- Every change of every field of the records above, as person_history is for people.
CREATE TABLE fact_history (
    kind       TEXT NOT NULL,                    -- orgs, jobs, trainings, enrolments, residences, insurance
    record_key TEXT NOT NULL,                    -- the key columns joined by '|'
    batch_id   BIGINT NOT NULL,
    field      TEXT NOT NULL,
    old_value  TEXT,
    new_value  TEXT,
    changed_at TEXT NOT NULL,
    CONSTRAINT fact_history_key PRIMARY KEY (kind, record_key, batch_id, field)
);
