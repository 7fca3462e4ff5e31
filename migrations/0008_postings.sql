-- 0008 postings: job offers (招聘岗位) that employers, the public employment service or a
-- paired region's bureau give, loaded by `bangfu import postings` (issue 14 item 1) and
-- ranked against the registry by `bangfu match`.  A posting of a paired region (济宁
-- enterprises for 万州 laborers, 济人社字〔2020〕47号) is an ordinary posting with that
-- region.  Money is fen, dates ISO 8601, regions canonical 12 digits; references are
-- checked by the import (0007).
CREATE TABLE postings (
    posting_code  TEXT CONSTRAINT postings_key PRIMARY KEY,  -- 岗位编号, as the list gives it
    employer      TEXT NOT NULL,                 -- 单位统一社会信用代码, an org of orgs
    title         TEXT NOT NULL,                 -- 岗位名称
    trade         TEXT NOT NULL,                 -- 工种, a code of vocabularies/trade.tsv
    region        TEXT NOT NULL,                 -- 工作地区划代码
    openings      INTEGER NOT NULL,              -- 招聘人数
    pay_min       BIGINT,                        -- 月薪下限, fen
    pay_max       BIGINT,                        -- 月薪上限, fen
    skills        TEXT,                          -- 技能要求: words separated by ；
    age_min       INTEGER,                       -- 最低年龄
    age_max       INTEGER,                       -- 最高年龄
    sex           TEXT,                          -- 性别要求: male / female, NULL for any
    accommodation INTEGER NOT NULL DEFAULT 0,    -- 提供食宿: 1 yes, 0 no
    start_date    TEXT,                          -- 到岗日期
    deadline      TEXT,                          -- 截止日期 (last day open)
    contact       TEXT,                          -- 联系人
    phone         TEXT,                          -- 联系电话
    state         TEXT NOT NULL DEFAULT 'open',  -- open filled closed (posting_state.tsv)
    created_batch BIGINT NOT NULL,
    updated_batch BIGINT NOT NULL
);
CREATE INDEX postings_employer ON postings (employer);
CREATE INDEX postings_region ON postings (region);
