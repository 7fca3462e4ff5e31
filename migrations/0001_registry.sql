-- 0001 registry: regions, batches, people and their change history.
-- Portable SQL only: it runs unchanged on SQLite and PostgreSQL.

-- GB/T 2260 and statistical division codes, canonical 12 digits.
CREATE TABLE regions (
    code   TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    level  INTEGER NOT NULL,   -- 1 province .. 5 village
    parent TEXT                -- canonical code of the parent, NULL for provinces
);
CREATE INDEX regions_parent ON regions (parent);

-- One run of a writer (an import, a user's edit): every change points here.
CREATE TABLE batches (
    id          BIGINT PRIMARY KEY,
    kind        TEXT NOT NULL,  -- 'import', 'user', ...
    source      TEXT NOT NULL,  -- the file imported or the user acting
    started_at  TEXT NOT NULL,  -- ISO 8601 UTC
    rows_read   BIGINT NOT NULL DEFAULT 0,
    inserted    BIGINT NOT NULL DEFAULT 0,
    updated     BIGINT NOT NULL DEFAULT 0,
    unchanged   BIGINT NOT NULL DEFAULT 0,
    rejected    BIGINT NOT NULL DEFAULT 0
);

-- The registry of poor and formerly poor laborers (建档立卡), keyed by ID number.
CREATE TABLE people (
    id_number         TEXT PRIMARY KEY,      -- GB 11643, uppercase X
    name              TEXT NOT NULL,
    sex               TEXT NOT NULL,         -- 男 / 女, derived from the ID number
    birth_date        TEXT NOT NULL,         -- ISO 8601, derived from the ID number
    phone             TEXT,
    household_id      TEXT,                  -- 户编号
    relation          TEXT,                  -- 与户主关系
    hukou_region      TEXT NOT NULL REFERENCES regions (code),
    categories        TEXT NOT NULL,         -- 帮扶类别, canonical order, joined by '；'
    labor_ability     TEXT,                  -- 劳动能力
    employment_status TEXT,                  -- 就业状态 (就业状态清)
    employment_wish   TEXT,                  -- 就业意愿 (就业需求清)
    training_wish     TEXT,                  -- 培训意愿
    skills            TEXT,                  -- 技能 (技能水平清)
    difficulties      TEXT,                  -- 就业困难 (就业困难清)
    created_batch     BIGINT NOT NULL REFERENCES batches (id),
    updated_batch     BIGINT NOT NULL REFERENCES batches (id)
);
CREATE INDEX people_hukou_region ON people (hukou_region);
CREATE INDEX people_household ON people (household_id);

-- Every change of every field: old and new value, when, and by which batch.
CREATE TABLE person_history (
    id_number  TEXT NOT NULL REFERENCES people (id_number),
    batch_id   BIGINT NOT NULL REFERENCES batches (id),
    field      TEXT NOT NULL,
    old_value  TEXT,
    new_value  TEXT,
    changed_at TEXT NOT NULL,
    PRIMARY KEY (id_number, batch_id, field)
);

-- Households are derived from their members' household numbers.
CREATE VIEW households AS
    SELECT household_id, MIN(hukou_region) AS hukou_region, COUNT(*) AS members
    FROM people
    WHERE household_id IS NOT NULL AND household_id <> ''
    GROUP BY household_id;
