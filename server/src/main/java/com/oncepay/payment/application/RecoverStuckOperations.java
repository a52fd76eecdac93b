package com.oncepay.payment.application;

import com.oncepay.config.OncepayProperties;
import com.oncepay.outbox.JobKind;
import com.oncepay.outbox.OutboxRepository;
import com.oncepay.payment.model.OperationId;
import com.oncepay.payment.store.OperationRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
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
record RecoverStuckOperations(
    OperationRepository operations,
    OutboxRepository outbox,
    TransactionTemplate tx,
    Clock clock,
    OncepayProperties properties)
    implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(RecoverStuckOperations.class);

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    Duration interval = properties.worker().recoveryInterval();
    registrar.addFixedDelayTask(new FixedDelayTask(this::sweep, interval, interval));
  }

  void sweep() {
    OffsetDateTime now = OffsetDateTime.now(clock);
    Integer queued =
        tx.execute(
            status -> {
              List<OperationId> stuck = operations.findStuck(now);
              return outbox.enqueueUnlessDead(
                  JobKind.OPERATION, stuck.stream().map(OperationId::value).toList(), now);
            });
    if (queued != null && queued > 0) {
      log.info("queued {} stuck gateway operations for recovery", queued);
    }
  }
}
