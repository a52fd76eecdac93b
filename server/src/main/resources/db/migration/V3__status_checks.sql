-- Every status column accepts exactly the states of its transition table (SchemaChecksIT compares
-- these lists with the Java enums). A write outside the state machine is then refused by the
-- database too, not only by the guarded UPDATEs that take their lists from the tables.

ALTER TABLE orders
    ADD CONSTRAINT orders_status_known
        CHECK (status IN ('pending_payment', 'payment_processing', 'authorized', 'paid',
                          'payment_failed', 'canceled', 'refunded', 'partially_refunded'));

ALTER TABLE payments
    ADD CONSTRAINT payments_status_known
        CHECK (status IN ('processing', 'authorized', 'captured', 'failed', 'voided', 'refunded',
                          'partially_refunded', 'unknown')),
    ADD CONSTRAINT payments_capture_method_known
        CHECK (capture_method IN ('automatic', 'manual'));

ALTER TABLE payment_operations
    ADD CONSTRAINT payment_operations_status_known
        CHECK (status IN ('processing', 'succeeded', 'failed', 'unknown')),
    ADD CONSTRAINT payment_operations_kind_known
        CHECK (kind IN ('authorize', 'capture', 'void', 'refund'));
