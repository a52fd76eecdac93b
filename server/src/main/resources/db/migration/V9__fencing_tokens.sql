-- The redis strategy's fencing tokens (docs/architecture.md, "The redis strategy"): the highest token that
-- wrote the row. Its guarded writes add "AND fence < :token" and set "fence = :token", so a holder
-- whose Redis lease expired while it was paused cannot write after the holder that took over.
-- Other strategies never touch the column; 0 is below every token Redis hands out (they start at 1).
ALTER TABLE orders ADD COLUMN fence bigint NOT NULL DEFAULT 0;
ALTER TABLE payments ADD COLUMN fence bigint NOT NULL DEFAULT 0;
