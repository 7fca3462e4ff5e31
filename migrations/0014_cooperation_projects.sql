-- 0014 cooperation bodies and projects (issue 13 items 2 and 3): 劳务协作联盟 with their
-- members (regions or organisations), 特色劳务品牌, and 以工代赈 / 就业帮扶 projects with the
-- columns of 附件2 of the 2023 notice (脱贫人口就业帮扶项目清单), loaded by `bangfu import
-- alliances`, `import alliance_members`, `import brands` and `import projects`; the people
-- employed on a project are spells (jobs) naming it, of kind work_relief (以工代赈) or any
-- other.  As in 0007, references are checked by the writers, not by foreign keys.

-- 劳务协作联盟, keyed by name.
CREATE TABLE alliances (
    name          TEXT CONSTRAINT alliances_key PRIMARY KEY, -- 联盟名称
    lead_region   TEXT NOT NULL,                 -- 牵头地区划代码, a code of regions
    lead_org      TEXT,                          -- 牵头单位 (an org), NULL when none
    founded       TEXT NOT NULL,                 -- 成立日期
    dissolved     TEXT,                          -- 解散日期, NULL while it works
    note          TEXT,                          -- 备注
    created_batch BIGINT NOT NULL,
    updated_batch BIGINT NOT NULL
);

-- Its members: a region or an organisation ('' for the other), keyed by alliance and member.
CREATE TABLE alliance_members (
    alliance      TEXT NOT NULL,                 -- a name of alliances
    member_region TEXT NOT NULL DEFAULT '',      -- 成员地区划代码, or ''
    member_org    TEXT NOT NULL DEFAULT '',      -- 成员单位 (an org), or ''
    joined        TEXT,                          -- 加入日期
    left_on       TEXT,                          -- 退出日期, NULL while a member
    created_batch BIGINT NOT NULL,
    updated_batch BIGINT NOT NULL,
    CONSTRAINT alliance_members_key PRIMARY KEY (alliance, member_region, member_org)
);

-- 特色劳务品牌, keyed by name and region.
CREATE TABLE brands (
    name          TEXT NOT NULL,                 -- 品牌名称
    region        TEXT NOT NULL,                 -- 所在地区划代码
    trade         TEXT NOT NULL,                 -- 行业工种, as written
    org           TEXT,                          -- 依托单位 (an org)
    recognised    TEXT,                          -- 认定日期
    body          TEXT,                          -- 认定机关
    ended         TEXT,                          -- 终止日期
    created_batch BIGINT NOT NULL,
    updated_batch BIGINT NOT NULL,
    CONSTRAINT brands_key PRIMARY KEY (name, region)
);

-- 以工代赈 and 就业帮扶 projects, keyed by the number the county gives them.
CREATE TABLE projects (
    project_code     TEXT CONSTRAINT projects_key PRIMARY KEY, -- 项目编号
    name             TEXT NOT NULL,              -- 项目名称
    kind             TEXT NOT NULL,              -- work_relief employment_assistance (project_kind.tsv)
    region           TEXT NOT NULL,              -- 所在地区划代码
    summary          TEXT,                       -- 项目简介
    start_date       TEXT,                       -- 开始日期
    end_date         TEXT,                       -- 结束日期
    jobs_declared    BIGINT,                     -- 吸纳就业岗位数 (带动就业人数), as declared
    poor_declared    BIGINT,                     -- 其中吸纳脱贫人口数, as declared
    key_county       INTEGER NOT NULL DEFAULT 0, -- ① 省乡村振兴重点帮扶县: 1 yes
    relocation_area  INTEGER NOT NULL DEFAULT 0, -- ② 易地搬迁安置区
    yellow_river_area INTEGER NOT NULL DEFAULT 0, -- ③ 黄河滩区居民迁建安置区
    contact          TEXT,                       -- 项目联系人
    phone            TEXT,                       -- 联系电话
    note             TEXT,                       -- 备注
    created_batch    BIGINT NOT NULL,
    updated_batch    BIGINT NOT NULL
);
CREATE INDEX projects_region ON projects (region);

-- The project a spell is employed on (以工代赈: kind work_relief), NULL for none.
ALTER TABLE jobs ADD COLUMN project TEXT;
CREATE INDEX jobs_project ON jobs (project);
