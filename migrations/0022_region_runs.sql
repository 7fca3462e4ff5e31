-- 0022 comparisons and payment batches of one region (issue 17: a county officer starts them
-- from the web over their region and below), and the four-eyes approval of a batch before its
-- bank file is written from the web.  region '' is the whole registry (the CLI without
-- --region, and every run and batch made before this migration).
ALTER TABLE compare_runs ADD COLUMN region TEXT NOT NULL DEFAULT '';
ALTER TABLE payment_batches ADD COLUMN region TEXT NOT NULL DEFAULT '';
-- Who approved the batch and when (NULL: not approved); never the one who made it.
ALTER TABLE payment_batches ADD COLUMN approved_by TEXT;
ALTER TABLE payment_batches ADD COLUMN approved_at TEXT;
