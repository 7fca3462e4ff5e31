-- 0016 push replies: what a laborer answered to a posting pushed to them (`bangfu import
-- replies`, issue 14 item 3): interested, hired or declined with the reason.  A hire is also an
-- employment spell of jobs (written by the import, its fields in fact_history), and a posting
-- whose openings are all hired becomes filled.  Keyed by the push run, the person and the
-- posting, as pushes (0012) are.
CREATE TABLE push_replies (
    push_batch     BIGINT NOT NULL,               -- the push run (push_runs.batch_id)
    id_number      TEXT NOT NULL,                 -- a person of people
    posting_code   TEXT NOT NULL,                 -- a posting of postings
    employer       TEXT,                          -- the posting's employer when replied
    region         TEXT,                          -- the posting's work place when replied
    reply          TEXT NOT NULL,                 -- interested hired declined (push_reply.tsv)
    reason         TEXT,                          -- 原因 (required when declined)
    replied_on     TEXT,                          -- 回复日期
    start_date     TEXT,                          -- 到岗日期 of a hire: the spell's start
    monthly_income BIGINT,                        -- 月收入 of a hire, fen
    created_batch  BIGINT NOT NULL,
    updated_batch  BIGINT NOT NULL,
    CONSTRAINT push_replies_key PRIMARY KEY (push_batch, id_number, posting_code)
);
CREATE INDEX push_replies_posting ON push_replies (posting_code);
