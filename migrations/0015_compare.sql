-- 0013 compare: the poverty office's list of people (`bangfu import poverty`) and the
-- stored, dated comparisons of a list with the registry (`bangfu compare`, issue 13
-- item 5): 济南三年行动 八(二) 按季度开展贫困人口与全市社会保险参保人员数据比对;
-- 鲁人社字〔2020〕41号 (九) 未参保人员动态清零, (十) 按时足额发放居民养老保险待遇.

-- The poverty office's list as last imported (a file is the whole list), keyed by ID
-- number; its people need not be registered.
CREATE TABLE poverty_list (
    id_number     TEXT CONSTRAINT poverty_list_key PRIMARY KEY,
    name          TEXT NOT NULL,
    hukou_region  TEXT,                          -- 户籍地区划代码
    household_id  TEXT,                          -- 户编号
    relation      TEXT,                          -- 与户主关系
    categories    TEXT,                          -- 帮扶类别, canonical as people.categories
    phone         TEXT,
    created_batch BIGINT NOT NULL,
    updated_batch BIGINT NOT NULL
);

-- One comparison of a list with the registry, on a day.
CREATE TABLE compare_runs (
    id              BIGINT CONSTRAINT compare_runs_key PRIMARY KEY,
    list            TEXT NOT NULL,               -- insurance or poverty
    as_of           TEXT NOT NULL,               -- the day ages are taken on
    started_at      TEXT NOT NULL,               -- ISO 8601 UTC
    registry_people BIGINT NOT NULL,
    list_people     BIGINT NOT NULL,
    findings        BIGINT NOT NULL
);

-- What a run found, one row per person (and field, for a difference).
CREATE TABLE compare_findings (
    run_id         BIGINT NOT NULL,              -- a run of compare_runs
    finding        TEXT NOT NULL,                -- uninsured no_pension registry_only list_only differs
    id_number      TEXT NOT NULL,
    field          TEXT NOT NULL DEFAULT '',     -- differs: the registry's column; else ''
    name           TEXT,                         -- the registry's, else the list's
    hukou_region   TEXT,
    registry_value TEXT,
    list_value     TEXT,
    CONSTRAINT compare_findings_key PRIMARY KEY (run_id, finding, id_number, field)
);
