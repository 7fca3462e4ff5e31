-- 0012 push: which laborer was sent which job postings, when and by which channel (`bangfu push`,
-- issue 14 item 3).  A run is a batch (batches.kind = 'push'); its rows keep the rank, score and
-- reasons `bangfu match` gave, so that what was said can be shown later whatever the postings
-- and weights become.
CREATE TABLE push_runs (
    batch_id  BIGINT CONSTRAINT push_runs_key PRIMARY KEY,  -- a batch of batches
    pushed_on TEXT NOT NULL,                        -- the day matched and sent (ISO)
    channel   TEXT NOT NULL,                        -- sms or call
    region    TEXT,                                 -- the hukou region pushed, NULL for all
    top       INTEGER NOT NULL                      -- postings per laborer
);

CREATE TABLE pushes (
    batch_id     BIGINT NOT NULL,                   -- the run
    id_number    TEXT NOT NULL,                     -- a person of people
    posting_code TEXT NOT NULL,                     -- a posting of postings
    rank         INTEGER NOT NULL,
    score        INTEGER NOT NULL,
    reasons      TEXT NOT NULL,                     -- 推荐理由 as listed
    CONSTRAINT pushes_key PRIMARY KEY (batch_id, id_number, posting_code)
);
CREATE INDEX pushes_person ON pushes (id_number);
