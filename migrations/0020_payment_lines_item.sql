-- 0020 payment_lines by payment: the bank's return and the reviews find the ledger lines of a
-- payment (batch_id, item); the key (batch_id, line_id) covered the batch only, so every
-- return line scanned its whole batch (a 1,697-line return took 24 s, quadratic).
CREATE INDEX payment_lines_item ON payment_lines (batch_id, item);
