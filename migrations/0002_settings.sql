-- 0002 settings: small facts about the database itself, such as which
-- region files were loaded (so `bangfu init` knows when to reload them).
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
