-- Which instance runs what, and whether it is still alive: a killed instance's gateway operations
-- and claimed jobs are taken over as soon as it misses its heartbeats, instead of waiting for
-- leases sized for the slowest gateway call.

CREATE TABLE instances (
    id           text PRIMARY KEY,
    started_at   timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL
);

-- The instance that claimed the operation and is calling the gateway for it (null for rows of
-- before this migration, and for operations queued for any worker).
ALTER TABLE payment_operations ADD COLUMN owner text;
