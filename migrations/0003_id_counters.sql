-- 0003 id counters: ids handed out by the database, never MAX(id) + 1, so that
-- writers running at the same time (four imports at once) each get their own.
-- store_next_id() bumps a row with one upsert; the row lock serialises only
-- the writers that take an id of the same name.
CREATE TABLE id_counters (
    name    TEXT PRIMARY KEY,  -- the table whose ids it counts, e.g. 'batches'
    last_id BIGINT NOT NULL    -- the last id handed out
);
INSERT INTO id_counters (name, last_id) SELECT 'batches', COALESCE(MAX(id), 0) FROM batches;
