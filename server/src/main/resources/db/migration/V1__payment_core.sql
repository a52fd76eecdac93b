-- The payment core. Every race is decided here: by a unique constraint, or by a guarded UPDATE
-- whose row count says who won. The CHECK constraints are the last line of defence for the money
-- invariants; the application never relies on them to decide a race.

CREATE TABLE merchants (
    id           uuid PRIMARY KEY,
    name         text        NOT NULL,
    api_key_hash bytea       NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL
);

CREATE TABLE orders (
    id             uuid PRIMARY KEY,
    merchant_id    uuid        NOT NULL REFERENCES merchants (id),
    cart_id        text        NOT NULL,
    amount         bigint      NOT NULL CHECK (amount > 0),
    currency       char(3)     NOT NULL,
    customer_email text,
    metadata       jsonb,
    status         text        NOT NULL,
    version        bigint      NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    -- Invariant 1: one order per cart.
    CONSTRAINT orders_one_per_cart UNIQUE (merchant_id, cart_id)
);

CREATE TABLE payments (
    id                    uuid PRIMARY KEY,
    merchant_id           uuid        NOT NULL REFERENCES merchants (id),
    order_id              uuid        NOT NULL REFERENCES orders (id),
    status                text        NOT NULL,
    payment_method        text        NOT NULL,
    capture_method        text        NOT NULL,
    amount                bigint      NOT NULL CHECK (amount > 0),
    currency              char(3)     NOT NULL,
    amount_authorized     bigint      NOT NULL DEFAULT 0,
    amount_captured       bigint      NOT NULL DEFAULT 0,
    amount_refunded       bigint      NOT NULL DEFAULT 0,
    -- Refunds sent to the gateway and not yet settled: reserved so concurrent refunds can never
    -- add up to more than was captured, whatever their outcome.
    amount_refund_pending bigint      NOT NULL DEFAULT 0,
    -- A capture or void in flight; at most one at a time.
    pending_operation_id  uuid,
    gateway_charge_id     text,
    decline_code          text,
    version               bigint      NOT NULL DEFAULT 0,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    -- Invariant 3: money adds up.
    CONSTRAINT payments_captured_le_authorized CHECK (amount_captured <= amount_authorized),
    CONSTRAINT payments_authorized_le_amount CHECK (amount_authorized <= amount),
    CONSTRAINT payments_refunds_le_captured
        CHECK (amount_refund_pending >= 0 AND amount_refunded >= 0
               AND amount_refunded + amount_refund_pending <= amount_captured)
);

-- Invariant 2, defence in depth: an order has at most one payment that is not definitively failed.
CREATE UNIQUE INDEX payments_one_live_per_order ON payments (order_id) WHERE status <> 'failed';
CREATE INDEX payments_by_order ON payments (order_id);

-- One row per call we make to the gateway. Its gateway_key is sent on every try and every
-- recovery, so the gateway can never execute the same operation twice.
CREATE TABLE payment_operations (
    id          uuid PRIMARY KEY,
    merchant_id uuid        NOT NULL REFERENCES merchants (id),
    payment_id  uuid        NOT NULL REFERENCES payments (id),
    kind        text        NOT NULL,
    status      text        NOT NULL,
    amount      bigint      NOT NULL CHECK (amount > 0),
    gateway_key text        NOT NULL UNIQUE,
    gateway_ref text,
    failure_code text,
    attempts    int         NOT NULL DEFAULT 0,
    lease_until timestamptz,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE INDEX payment_operations_by_payment ON payment_operations (payment_id, created_at);
CREATE INDEX payment_operations_unsettled ON payment_operations (lease_until)
    WHERE status IN ('processing', 'unknown');

CREATE TABLE idempotency_keys (
    id              uuid PRIMARY KEY,
    merchant_id     uuid        NOT NULL REFERENCES merchants (id),
    idempotency_key text        NOT NULL,
    fingerprint     bytea       NOT NULL,
    status          text        NOT NULL CHECK (status IN ('in_progress', 'completed')),
    locked_until    timestamptz,
    -- The gateway operation the request started, so a retry after a crash resumes it instead of
    -- starting another.
    operation_id    uuid,
    response_status int,
    response_body   bytea,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    CONSTRAINT idempotency_keys_unique UNIQUE (merchant_id, idempotency_key),
    CONSTRAINT idempotency_keys_completed_has_response
        CHECK (status <> 'completed' OR (response_status IS NOT NULL AND response_body IS NOT NULL))
);

CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
CREATE INDEX idempotency_keys_by_operation ON idempotency_keys (operation_id)
    WHERE operation_id IS NOT NULL AND status = 'in_progress';
