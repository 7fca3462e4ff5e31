-- 0010 ledger: the entitlements bangfu ledger run writes month by month from the
-- stored-facts calc, their review, and the applications (申领) of the benefits
-- that need one (issue 15).  Append-only: a line's amount, key and run never
-- change; a corrected fact gives a new line beside the old ones (seq 1, 2, ...),
-- so the lines of a key always sum to its current entitlement.  Only state
-- moves (待审核 -> 已审核 / 已驳回 -> ...), each move recorded in ledger_reviews.

-- One ledger run of a month (and region).
CREATE TABLE ledger_runs (
    id         BIGINT CONSTRAINT ledger_runs_key PRIMARY KEY, -- id_counters 'ledger_run'
    month      TEXT NOT NULL,    -- YYYY-MM
    region     TEXT NOT NULL,    -- canonical 12 digits, '' for every region
    operator   TEXT NOT NULL,    -- who ran it (--by): may not approve what it wrote
    started_at TEXT NOT NULL,    -- ISO 8601 UTC
    written    BIGINT NOT NULL,  -- lines written
    unapplied  BIGINT NOT NULL   -- people eligible who have not applied
);

-- One line per entitlement, and its adjustments beside it.
CREATE TABLE ledger_lines (
    id         BIGINT CONSTRAINT ledger_lines_id PRIMARY KEY, -- in order of writing
    benefit    TEXT NOT NULL,    -- the policy benefit id
    payee      TEXT NOT NULL,    -- ID number or 统一社会信用代码
    person     TEXT NOT NULL,    -- the person's ID number, '' for an award to an org
    month      TEXT NOT NULL,    -- YYYY-MM
    seq        INTEGER NOT NULL, -- 0 the entitlement, 1, 2, ... the adjustments beside it
    kind       TEXT NOT NULL,    -- 应发 / 补发 / 调减 / 追回
    clause     TEXT NOT NULL,    -- the benefit's clause
    document   TEXT NOT NULL,    -- the document's number
    payee_kind TEXT NOT NULL,    -- person / employer / agency / org
    region     TEXT NOT NULL,    -- the person's hukou, or the org's region (reports, --region)
    amount_fen BIGINT NOT NULL,  -- the amount, negative for 调减 / 追回
    funding    TEXT NOT NULL,    -- the fund as the document names it, 未载明 when it names none
    run_id     BIGINT NOT NULL,  -- a run of ledger_runs (same transaction)
    state      TEXT NOT NULL,    -- 待审核 已审核 已驳回 (later: 已入批 已支付 支付失败)
    CONSTRAINT ledger_lines_key UNIQUE (benefit, payee, person, month, seq)
);
CREATE INDEX ledger_lines_month ON ledger_lines (month, state);

-- Every change of state of a line: who, why, when.
CREATE TABLE ledger_reviews (
    line_id  BIGINT NOT NULL,    -- a line of ledger_lines
    seq      INTEGER NOT NULL,   -- 1, 2, ... per line
    state    TEXT NOT NULL,      -- the state it set
    reviewer TEXT NOT NULL,
    reason   TEXT NOT NULL,
    at       TEXT NOT NULL,      -- ISO 8601 UTC
    CONSTRAINT ledger_reviews_key PRIMARY KEY (line_id, seq)
);

-- Applications (申领) of the benefits whose policy says application = { ... }.
CREATE TABLE ledger_applications (
    benefit     TEXT NOT NULL,
    applicant   TEXT NOT NULL,   -- the person's ID number (an org's code for an org award)
    applied_on  TEXT NOT NULL,   -- YYYY-MM-DD
    documents   TEXT NOT NULL,   -- the materials handed in
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    CONSTRAINT ledger_applications_key PRIMARY KEY (benefit, applicant)
);

-- Who the last run of a month found eligible for a benefit needing an application
-- without one (replaced by each run of the month and region).
CREATE TABLE ledger_unapplied (
    benefit    TEXT NOT NULL,
    payee      TEXT NOT NULL,
    person     TEXT NOT NULL,
    month      TEXT NOT NULL,
    region     TEXT NOT NULL,
    amount_fen BIGINT NOT NULL,
    run_id     BIGINT NOT NULL,
    CONSTRAINT ledger_unapplied_key PRIMARY KEY (benefit, payee, person, month)
);
