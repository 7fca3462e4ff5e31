-- 0018 monitor: monthly snapshots of the employment of 脱贫人口 (issue 16 item 4; 关于开展防止
-- 返贫就业攻坚行动的通知 2023 三(二) 就业规模和务工收入动态监测), taken by `bangfu monitor
-- snapshot --month YYYY-MM` and never changed afterwards, so that a past month reads the same
-- whatever is imported later: each worker with the hukou, work place and income of that month.
CREATE TABLE monitor_snapshots (
    month     TEXT CONSTRAINT monitor_snapshots_key PRIMARY KEY, -- YYYY-MM
    taken_at  TEXT NOT NULL,                  -- UTC
    workers   BIGINT NOT NULL                 -- rows of monitor_workers of the month
);

CREATE TABLE monitor_workers (
    month          TEXT NOT NULL,             -- a month of monitor_snapshots
    id_number      TEXT NOT NULL,             -- a person of people
    hukou_region   TEXT NOT NULL,             -- 户籍地 that month, canonical 12 digits
    scope          TEXT NOT NULL,             -- local (same county), province (other county), outside (other province)
    work_region    TEXT NOT NULL,             -- 工作地 of the spell counted
    monthly_income BIGINT,                    -- 月收入, fen, NULL when not known
    CONSTRAINT monitor_workers_key PRIMARY KEY (month, id_number)
);
CREATE INDEX monitor_workers_region ON monitor_workers (month, hukou_region);
