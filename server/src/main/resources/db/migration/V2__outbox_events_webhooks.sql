-- Domain events, the work queue, and webhooks in and out.

-- Every state change's events, written in the transaction that made the change. An object gets
-- each event type at most once (order.paid exactly once per order): a second one is a bug, and
-- the unique index turns it into a rolled-back transaction instead of a second delivery.
CREATE TABLE domain_events (
    id          uuid PRIMARY KEY,
    merchant_id uuid        NOT NULL REFERENCES merchants (id),
    type        text        NOT NULL,
    object_id   text        NOT NULL,
    payload     jsonb       NOT NULL,
    created_at  timestamptz NOT NULL,
    CONSTRAINT domain_events_once_per_object UNIQUE (object_id, type)
);
CREATE INDEX domain_events_by_merchant ON domain_events (merchant_id, created_at);

-- The work queue: gateway operations to run or resolve, events to deliver. Claimed with
-- FOR UPDATE SKIP LOCKED; a claim whose lease ran out is taken over. Finished rows are marked done
-- and deleted in batches; rows that used up their attempts stay as 'dead' for operators.
CREATE TABLE outbox (
    id          bigserial PRIMARY KEY,
    kind        text        NOT NULL CHECK (kind IN ('operation', 'webhook')),
    ref         uuid        NOT NULL,
    status      text        NOT NULL DEFAULT 'ready'
                            CHECK (status IN ('ready', 'claimed', 'done', 'dead')),
    attempts    int         NOT NULL DEFAULT 0,
    run_at      timestamptz NOT NULL,
    claimed_by  text,
    lease_until timestamptz,
    last_error  text,
    created_at  timestamptz NOT NULL,
    done_at     timestamptz
) WITH (
    -- A hot, small table of short-lived rows: leave room for HOT updates and vacuum it early.
    fillfactor = 70,
    autovacuum_vacuum_scale_factor = 0.01,
    autovacuum_vacuum_threshold = 500,
    autovacuum_analyze_scale_factor = 0.02,
    autovacuum_vacuum_cost_delay = 0
);
CREATE INDEX outbox_ready ON outbox (run_at) WHERE status = 'ready';
CREATE INDEX outbox_claimed ON outbox (lease_until) WHERE status = 'claimed';
CREATE INDEX outbox_done ON outbox (done_at) WHERE status = 'done';
-- One open job per operation or event: enqueuing again while one is pending is a no-op.
CREATE UNIQUE INDEX outbox_one_open_job ON outbox (kind, ref) WHERE status IN ('ready', 'claimed');

-- Where a merchant wants its events, and the secret they are signed with.
CREATE TABLE webhook_endpoints (
    merchant_id uuid PRIMARY KEY REFERENCES merchants (id),
    url         text        NOT NULL,
    secret      text        NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- Every delivery attempt and its outcome.
CREATE TABLE webhook_deliveries (
    id          bigserial PRIMARY KEY,
    event_id    uuid        NOT NULL REFERENCES domain_events (id),
    attempt     int         NOT NULL,
    url         text        NOT NULL,
    status_code int,
    error       text,
    duration_ms int         NOT NULL,
    attempted_at timestamptz NOT NULL
);
CREATE INDEX webhook_deliveries_by_event ON webhook_deliveries (event_id, attempted_at);

-- Gateway webhooks received. The primary key makes a duplicate a no-op; the outcome says what
-- applying it did, and 'flagged' marks a contradiction for operators.
CREATE TABLE gateway_events (
    gateway     text        NOT NULL,
    event_id    text        NOT NULL,
    type        text        NOT NULL,
    charge_id   text,
    payment_id  uuid,
    outcome     text        NOT NULL
                            CHECK (outcome IN ('applied', 'stale', 'ignored', 'flagged')),
    note        text,
    payload     jsonb       NOT NULL,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (gateway, event_id)
);
CREATE INDEX gateway_events_flagged ON gateway_events (received_at) WHERE outcome = 'flagged';
