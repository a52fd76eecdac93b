-- Secret rotation with an overlap. A rotation moves the endpoint's secret here and keeps it
-- signing every delivery, beside the new secret, until previous_secret_expires_at, so a shop can
-- roll the new secret out without rejecting a single event. Both columns are set together or not
-- at all; an expired previous secret stays until the next rotation replaces it, and signs nothing.
ALTER TABLE webhook_endpoints
    ADD COLUMN previous_secret            text,
    ADD COLUMN previous_secret_expires_at timestamptz,
    ADD CONSTRAINT webhook_endpoints_previous_secret_whole
        CHECK ((previous_secret IS NULL) = (previous_secret_expires_at IS NULL));
