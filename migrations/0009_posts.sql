-- 0009 posts: public-welfare posts (乡村公益性岗位 and the temporary posts of 2020),
-- the people assigned to them, their monthly pay, and the village cadres (issue 13
-- item 4), loaded by `bangfu import posts`, `import assignments`, `import post_pay`
-- and `import cadres`.  An assignment is a spell of jobs (kind public_welfare_post or
-- temporary_post) whose column post names the post: one record of the work, which
-- calc already reads.  As in 0007, references are checked by the writers; money is
-- fen, dates ISO 8601, months YYYY-MM, regions canonical 12 digits.

-- Posts, keyed by the 岗位编号 the township gives them.
CREATE TABLE posts (
    post_code     TEXT CONSTRAINT posts_key PRIMARY KEY, -- 岗位编号
    name          TEXT NOT NULL,                 -- 岗位名称
    job_kind      TEXT NOT NULL,                 -- public_welfare_post or temporary_post: the kind of its spells
    duty          TEXT NOT NULL,                 -- 岗位类型, a code of post_duty.tsv
    village       TEXT NOT NULL,                 -- 所在村区划代码, a code of regions
    employer      TEXT,                          -- 用人单位 (an org), NULL when not given
    full_time     INTEGER NOT NULL DEFAULT 1,    -- 全日制: 1 full time, 0 part time (非全日制)
    funding       TEXT,                          -- 资金来源, a code of post_funding.tsv
    monthly_pay   BIGINT,                        -- 月补贴标准, fen
    start_date    TEXT,                          -- 设岗日期
    end_date      TEXT,                          -- 撤岗日期, NULL while the post exists
    created_batch BIGINT NOT NULL,
    updated_batch BIGINT NOT NULL
);
CREATE INDEX posts_village ON posts (village);

-- The post a spell is an assignment to (NULL for every other spell).
ALTER TABLE jobs ADD COLUMN post TEXT;
CREATE INDEX jobs_post ON jobs (post);

-- Monthly pay of a post holder, as the township's pay sheet (工资发放表) lists it.
CREATE TABLE post_pay (
    post          TEXT NOT NULL,                 -- a post of posts
    id_number     TEXT NOT NULL,                 -- a person of people
    month         TEXT NOT NULL,                 -- 月份, YYYY-MM
    amount_due    BIGINT NOT NULL,               -- 应发金额, fen
    amount_paid   BIGINT,                        -- 实发金额, fen, NULL while unpaid
    paid_date     TEXT,                          -- 发放日期
    created_batch BIGINT NOT NULL,
    updated_batch BIGINT NOT NULL,
    CONSTRAINT post_pay_key PRIMARY KEY (post, id_number, month)
);
CREATE INDEX post_pay_person ON post_pay (id_number);

-- Village cadres (村干部), registered as poor or not, with their household, so that the
-- holders of a village's posts can be checked against them (优亲厚友).
CREATE TABLE cadres (
    id_number     TEXT NOT NULL,                 -- GB 11643, registered in people or not
    village       TEXT NOT NULL,                 -- 所在村区划代码
    name          TEXT NOT NULL,                 -- 姓名
    role          TEXT NOT NULL,                 -- 职务
    household_id  TEXT,                          -- 户编号 (as in people.household_id)
    start_date    TEXT,                          -- 任职日期
    end_date      TEXT,                          -- 离任日期
    created_batch BIGINT NOT NULL,
    updated_batch BIGINT NOT NULL,
    CONSTRAINT cadres_key PRIMARY KEY (id_number, village)
);
CREATE INDEX cadres_village ON cadres (village);
CREATE INDEX cadres_household ON cadres (household_id);
