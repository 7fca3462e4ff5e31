-- 0006 parameter values: the local parameters the policy files name without a
-- number (当地最低工资, 规定期限, the epidemic period, ...), set by clerks with
-- `bangfu param set`.  Rows are never updated or deleted: a value from a later
-- date supersedes the earlier one from that date on, and a correction is a new
-- row for the same parameter, region and date (the higher id wins), so the
-- table is its own history of who set what and when.
CREATE TABLE parameter_values (
    id         BIGINT PRIMARY KEY,              -- store_next_id('parameter_values'): order of setting
    name       TEXT NOT NULL,                   -- as declared by parameter { name = ... } in policies/
    unit       TEXT NOT NULL,                   -- the declared unit when it was set: yuan_per_month, months, window, ...
    region     TEXT NOT NULL,                   -- a code of regions (checked by param set and by a region reload)
    valid_from TEXT NOT NULL,                   -- ISO 8601 date the value holds from
    amount     BIGINT,                          -- hundredths of the unit (fen; persons and months x 100); NULL for windows and ends
    valid_to   TEXT,                            -- window parameters: the last day, NULL when open
    ends       INTEGER NOT NULL DEFAULT 0,      -- 1: no value from valid_from on (the timeline ends)
    source     TEXT,                            -- 文号 or other authority of the value, NULL when not given
    set_by     TEXT NOT NULL,                   -- who set it: the OS user or --by
    set_at     TEXT NOT NULL                    -- when, ISO 8601 UTC
);
CREATE INDEX parameter_values_name ON parameter_values (name, region, valid_from);
