-- The metrics gauges count the keys still in progress every few seconds. The table keeps every
-- key for 24 h, so the count must not scan it: this index holds only the in-progress rows (a
-- handful, each for the length of one request), and costs one small entry per new key.
CREATE INDEX idempotency_keys_in_progress ON idempotency_keys (created_at)
    WHERE status = 'in_progress';
