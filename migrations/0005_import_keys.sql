-- 0005 import keys: people and person_history without foreign keys.  They were
-- checked row by row (PostgreSQL: one trigger query and row lock per row and
-- key), which cost most of a large import (200,000 people: 7.2 s of which the
-- keys about 5 s).  The writers guarantee the same thing for the whole set:
-- an import creates its batch row in the same transaction as the people and
-- history rows pointing at it; history rows are written with the person they
-- describe; nothing deletes people or batches; an import checks every region
-- code against the region table, and a reload of the region table refuses to
-- leave a person's code out (region.c).  The tests check that no person or
-- history row points at a missing batch, person or region (t0140-import-kill,
-- t0500-backup-restore, test_import).
-- Neither engine drops a foreign key in place portably: both tables are rebuilt
-- (the keys named, so that PostgreSQL does not name them after the *_new tables).
DROP VIEW households;

CREATE TABLE person_history_new (
    id_number  TEXT NOT NULL,      -- a person of people (written with it)
    batch_id   BIGINT NOT NULL,    -- a batch of batches (same transaction)
    field      TEXT NOT NULL,
    old_value  TEXT,
    new_value  TEXT,
    changed_at TEXT NOT NULL,
    CONSTRAINT person_history_key PRIMARY KEY (id_number, batch_id, field)
);
INSERT INTO person_history_new (id_number, batch_id, field, old_value, new_value, changed_at)
    SELECT id_number, batch_id, field, old_value, new_value, changed_at FROM person_history;
DROP TABLE person_history;
ALTER TABLE person_history_new RENAME TO person_history;

CREATE TABLE people_new (
    id_number         TEXT CONSTRAINT people_key PRIMARY KEY,  -- GB 11643, uppercase X
    name              TEXT NOT NULL,
    sex               TEXT NOT NULL,         -- 男 / 女, derived from the ID number
    birth_date        TEXT NOT NULL,         -- ISO 8601, derived from the ID number
    phone             TEXT,
    household_id      TEXT,                  -- 户编号
    relation          TEXT,                  -- 与户主关系
    hukou_region      TEXT NOT NULL,         -- a code of regions (checked by the writers)
    categories        TEXT NOT NULL,         -- 帮扶类别, canonical order, joined by '；'
    labor_ability     TEXT,                  -- 劳动能力
    employment_status TEXT,                  -- 就业状态 (就业状态清)
    employment_wish   TEXT,                  -- 就业意愿 (就业需求清)
    training_wish     TEXT,                  -- 培训意愿
    skills            TEXT,                  -- 技能 (技能水平清)
    difficulties      TEXT,                  -- 就业困难 (就业困难清)
    created_batch     BIGINT NOT NULL,       -- a batch of batches (same transaction)
    updated_batch     BIGINT NOT NULL        -- a batch of batches (same transaction)
);
INSERT INTO people_new (id_number, name, sex, birth_date, phone, household_id, relation,
                        hukou_region, categories, labor_ability, employment_status,
                        employment_wish, training_wish, skills, difficulties, created_batch,
                        updated_batch)
    SELECT id_number, name, sex, birth_date, phone, household_id, relation, hukou_region,
           categories, labor_ability, employment_status, employment_wish, training_wish, skills,
           difficulties, created_batch, updated_batch
    FROM people;
DROP TABLE people;
ALTER TABLE people_new RENAME TO people;
CREATE INDEX people_hukou_region ON people (hukou_region);
CREATE INDEX people_household ON people (household_id);

CREATE VIEW households AS
    SELECT household_id, MIN(hukou_region) AS hukou_region, COUNT(*) AS members
    FROM people
    WHERE household_id IS NOT NULL AND household_id <> ''
    GROUP BY household_id;
