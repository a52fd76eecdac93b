-- ONCEPAY_QUEUE=rabbitmq: a relay publishes due jobs to RabbitMQ ('publishing' until the broker
-- confirms, then 'published'); the consumer that receives the message claims the job as a worker
-- does. Both new states are open (one open job per kind and ref) and carry a lease: when it runs
-- out the relay publishes the job again (docs/queue-and-recovery.md#rabbitmq).
ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check
    CHECK (status IN ('ready', 'publishing', 'published', 'claimed', 'done', 'dead'));

-- The predicate is repeated literally by every ON CONFLICT (OutboxStateMachine.OPEN, same order).
DROP INDEX outbox_one_open_job;
CREATE UNIQUE INDEX outbox_one_open_job ON outbox (kind, ref)
    WHERE status IN ('ready', 'publishing', 'published', 'claimed');

-- The relay's safety net reads these in lease order (OutboxRepository.RELAY_CLAIM).
CREATE INDEX outbox_in_transport ON outbox (lease_until) WHERE status IN ('publishing', 'published');
