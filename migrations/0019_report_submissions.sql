-- 0019 report submissions (issue 16 item 8): a region's quarterly 附件1 submitted upward (a
-- county to its city, a city to the province) as a frozen copy of the table with who and when,
-- on time or late by the due date of its report { }; a submission sent back with a reason is
-- kept and the region submits again (the next version).  Written by `bangfu report submit`
-- and `bangfu report return`; read by `bangfu report submissions` and `report frozen`.
CREATE TABLE report_submissions (
    report        TEXT NOT NULL,                 -- the report { } id, e.g. sd2023.annex1
    region        TEXT NOT NULL,                 -- the submitting region, canonical 12 digits
    period        TEXT NOT NULL,                 -- 2023Q3
    version       INTEGER NOT NULL,              -- 1, then 2 after a send-back, ...
    state         TEXT NOT NULL,                 -- submitted or returned
    submitted_by  TEXT NOT NULL,
    submitted_on  TEXT NOT NULL,                 -- the day it counts as submitted (ISO 8601)
    submitted_at  TEXT NOT NULL,                 -- when it was recorded, UTC
    due           TEXT NOT NULL,                 -- the due day of the report { }
    content       TEXT NOT NULL,                 -- the table as JSON (bangfu report ... --format json)
    returned_by   TEXT,
    returned_at   TEXT,                          -- UTC
    return_reason TEXT,
    CONSTRAINT report_submissions_key PRIMARY KEY (report, region, period, version)
);
