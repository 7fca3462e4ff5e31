-- 0017 job fairs and organised outflow (issue 14 item 4), loaded by `bangfu import fairs`,
-- `fair_employers`, `fair_people`, `outflows` and `outflow_people` (services/import_facts_fairs.c):
-- 专场招聘 and 乐业搬迁专场招聘 (at a relocation site; 附件1 of the 2023 action plan counts them
-- per region and year), online or on site; 点对点 outflow batches by 专车, 专列 or 包机 with the
-- people carried (`bangfu outflow followup` lists those without a spell at the destination).
-- References are checked by the imports (0007).
CREATE TABLE fairs (
    fair_code     TEXT CONSTRAINT fairs_key PRIMARY KEY,  -- 招聘会编号
    name          TEXT NOT NULL,                 -- 招聘会名称
    kind          TEXT NOT NULL,                 -- special relocation general (fair_kind.tsv)
    mode          TEXT NOT NULL,                 -- on_site online (fair_mode.tsv)
    held_on       TEXT NOT NULL,                 -- 举办日期
    region        TEXT NOT NULL,                 -- 举办地区划代码
    place         TEXT,                          -- 举办地点
    site          TEXT,                          -- 安置区 (an org of kind relocation_site)
    organisers    TEXT,                          -- 主办单位, as written
    created_batch BIGINT NOT NULL,
    updated_batch BIGINT NOT NULL
);
CREATE INDEX fairs_region ON fairs (region);

-- The employers at a fair and what they offered.
CREATE TABLE fair_employers (
    fair_code     TEXT NOT NULL,                 -- a fair of fairs
    employer      TEXT NOT NULL,                 -- an org of orgs
    postings      INTEGER,                       -- 提供岗位数
    openings      INTEGER,                       -- 招聘人数
    created_batch BIGINT NOT NULL,
    updated_batch BIGINT NOT NULL,
    CONSTRAINT fair_employers_key PRIMARY KEY (fair_code, employer)
);

-- The people at a fair: attended, or hired (达成就业意向/录用) by an employer.
CREATE TABLE fair_people (
    fair_code     TEXT NOT NULL,                 -- a fair of fairs
    id_number     TEXT NOT NULL,                 -- a person of people
    outcome       TEXT NOT NULL,                 -- attended hired (fair_outcome.tsv)
    employer      TEXT,                          -- the org that hired
    created_batch BIGINT NOT NULL,
    updated_batch BIGINT NOT NULL,
    CONSTRAINT fair_people_key PRIMARY KEY (fair_code, id_number)
);

-- Organised outflow batches (点对点).
CREATE TABLE outflows (
    outflow_code  TEXT CONSTRAINT outflows_key PRIMARY KEY,  -- 批次编号
    departed_on   TEXT NOT NULL,                 -- 出发日期
    origin        TEXT NOT NULL,                 -- 输出地区划代码
    destination   TEXT NOT NULL,                 -- 输入地区划代码
    means         TEXT NOT NULL,                 -- bus train plane (outflow_means.tsv)
    agency        TEXT,                          -- 组织机构 (an org)
    note          TEXT,
    created_batch BIGINT NOT NULL,
    updated_batch BIGINT NOT NULL
);

-- The people a batch carried.
CREATE TABLE outflow_people (
    outflow_code  TEXT NOT NULL,                 -- a batch of outflows
    id_number     TEXT NOT NULL,                 -- a person of people
    created_batch BIGINT NOT NULL,
    updated_batch BIGINT NOT NULL,
    CONSTRAINT outflow_people_key PRIMARY KEY (outflow_code, id_number)
);
CREATE INDEX outflow_people_person ON outflow_people (id_number);
