-- API keys get their own table: a merchant may hold several (a rotation keeps the old one valid for
-- an overlap), each revocable on its own. Keys are stored only as SHA-256 hashes; the prefix is the
-- part shown in listings (never enough to use the key).
CREATE TABLE api_keys (
    id          uuid PRIMARY KEY,
    merchant_id uuid        NOT NULL REFERENCES merchants (id),
    -- The first characters of the key, for people to tell keys apart; NULL for keys migrated from
    -- merchants.api_key_hash, whose text was never stored.
    prefix      text,
    key_hash    bytea       NOT NULL UNIQUE,
    -- 'bootstrap': the key ONCEPAY_BOOTSTRAP_API_KEY (or serve's generated key) gave; replaced,
    -- not added to, when that setting changes. 'operator': issued through the operator API.
    origin      text        NOT NULL CHECK (origin IN ('bootstrap', 'operator')),
    created_at  timestamptz NOT NULL,
    -- Set by a rotation (the overlap) or at issue; the key is refused from then on.
    expires_at  timestamptz,
    revoked_at  timestamptz,
    -- The key a rotation issued in this one's place; a key is rotated at most once.
    replaced_by uuid REFERENCES api_keys (id)
);

CREATE INDEX api_keys_by_merchant ON api_keys (merchant_id, created_at);

-- Every existing key keeps working: it moves here unchanged (same hash). Keys of merchants named
-- 'default' were made by the bootstrap.
INSERT INTO api_keys (id, merchant_id, prefix, key_hash, origin, created_at)
SELECT md5(id::text || '/api_key')::uuid, id, NULL, api_key_hash,
       CASE WHEN name = 'default' THEN 'bootstrap' ELSE 'operator' END, created_at
  FROM merchants;

ALTER TABLE merchants DROP COLUMN api_key_hash;

-- Every merchant, key and webhook endpoint change: who (an operator, a merchant id, the bootstrap;
-- never a secret), what, on which object, when, and the request it came with. Append-only: the
-- service only INSERTs, and the trigger below refuses UPDATE, DELETE and TRUNCATE to anyone.
CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at timestamptz NOT NULL,
    actor       text        NOT NULL,
    action      text        NOT NULL,
    target_type text        NOT NULL,
    target_id   text        NOT NULL,
    merchant_id uuid,
    request_id  text,
    details     jsonb
);

CREATE INDEX audit_log_by_merchant ON audit_log (merchant_id, id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
