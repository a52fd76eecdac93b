package com.oncepay.payment;

import com.oncepay.outbox.OutboxRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The janitor for operations nobody is finishing: still {@code processing} past their lease (the
 * instance died between claim and finalize, or mid-call) or {@code unknown} without a job (the
 * instance died before queueing one). Queues a resolution job for each; the job runs the same
 * executor as every other path, which re-reads the row and re-sends with the same gateway key.
 * Operations whose job was dead-lettered are left to operators.
 */
@Component
class RecoverStuckOperations {

  private static final Logger log = LoggerFactory.getLogger(RecoverStuckOperations.class);

  private final JdbcClient jdbc;
  private final OutboxRepository outbox;
  private final TransactionTemplate tx;
  private final Clock clock;

  RecoverStuckOperations(
      JdbcClient jdbc, OutboxRepository outbox, TransactionTemplate tx, Clock clock) {
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.tx = tx;
    this.clock = clock;
  }

  @Scheduled(
      fixedDelayString = "${oncepay.worker.recovery-interval:5s}",
      initialDelayString = "${oncepay.worker.recovery-interval:5s}")
  void sweep() {
    OffsetDateTime now = OffsetDateTime.now(clock);
    Integer queued =
        tx.execute(
            status -> {
              int rows =
                  jdbc.sql(
                          """
                          INSERT INTO outbox (kind, ref, status, run_at, created_at)
                          SELECT 'operation', op.id, 'ready', :now, :now
                            FROM payment_operations op
                           WHERE ((op.status = 'processing' AND op.lease_until < :now)
                                  OR op.status = 'unknown')
                             AND NOT EXISTS (SELECT 1 FROM outbox o
                                              WHERE o.kind = 'operation' AND o.ref = op.id
                                                AND o.status IN ('ready', 'claimed', 'dead'))
                          ON CONFLICT (kind, ref) WHERE status IN ('ready', 'claimed') DO NOTHING
                          """)
                      .param("now", now)
                      .update();
              if (rows > 0) {
                outbox.notifyWorkers();
              }
              return rows;
            });
    if (queued != null && queued > 0) {
      log.info("queued {} stuck gateway operations for recovery", queued);
    }
  }
}
