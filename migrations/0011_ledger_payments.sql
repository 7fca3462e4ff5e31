-- 0011 ledger payments: bank details of payees with their history, payment batches, the
-- payments of a batch (one per payee) and the ledger lines each pays (issue 15 items 3-4).
-- Nothing is deleted: new bank details are a new row (seq + 1), a payment moves
-- 待导出 -> 待回盘 -> 已支付 / 支付失败, its lines with it (ledger_reviews records each move).

CREATE TABLE bank_accounts (
    payee       TEXT NOT NULL,    -- ID number or 统一社会信用代码 of a stored person or org
    seq         INTEGER NOT NULL, -- 1, 2, ... per payee: the highest is current
    account     TEXT NOT NULL,    -- 银行账号, digits only (masked in every list)
    bank        TEXT NOT NULL,    -- 开户行
    holder      TEXT NOT NULL,    -- 户名
    source      TEXT NOT NULL,    -- the file imported
    imported_at TEXT NOT NULL,    -- ISO 8601 UTC
    CONSTRAINT bank_accounts_key PRIMARY KEY (payee, seq)
);

CREATE TABLE payment_batches (
    id         BIGINT CONSTRAINT payment_batches_key PRIMARY KEY, -- id_counters 'payment_batch'
    month      TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    payments   BIGINT NOT NULL,
    total_fen  BIGINT NOT NULL
);

-- One payment: a payee's lines of a batch, summed, with the bank details at batch time.
CREATE TABLE payment_items (
    batch_id    BIGINT NOT NULL,
    item        INTEGER NOT NULL,  -- 1, 2, ... in the batch: 序号 of the bank file
    payee       TEXT NOT NULL,
    account     TEXT NOT NULL,
    bank        TEXT NOT NULL,
    holder      TEXT NOT NULL,
    amount_fen  BIGINT NOT NULL,
    summary     TEXT NOT NULL,     -- 摘要: the benefit names and the month
    state       TEXT NOT NULL,     -- 待导出 待回盘 已支付 支付失败
    reason      TEXT,              -- the bank's reason for a failure
    returned_at TEXT,
    CONSTRAINT payment_items_key PRIMARY KEY (batch_id, item)
);
CREATE INDEX payment_items_account ON payment_items (account, state);

-- The ledger lines of a payment; a line is in one batch at a time (a failed one again later).
CREATE TABLE payment_lines (
    batch_id BIGINT NOT NULL,
    item     INTEGER NOT NULL,
    line_id  BIGINT NOT NULL,
    CONSTRAINT payment_lines_key PRIMARY KEY (batch_id, line_id)
);
CREATE INDEX payment_lines_line ON payment_lines (line_id);
