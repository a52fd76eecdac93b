package com.oncepay.payment.application;

import com.oncepay.config.OncepayProperties;
import com.oncepay.liveness.InstanceId;
import com.oncepay.liveness.InstanceRepository;
import com.oncepay.outbox.JobKind;
import com.oncepay.outbox.OutboxRepository;
import com.oncepay.payment.store.OperationRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The janitor for operations nobody is finishing: still {@code processing} past their lease, or
 * owned by an instance that went silent (it died between claim and finalize, or mid-call), or
 * {@code unknown} without a job (the instance died before queueing one). Queues a resolution job
 * for each, and ends the silent instance's job claims so they are taken over now; the job runs the
 * same executor as every other path, which re-reads the row and re-sends with the same gateway key.
 * Operations whose job was dead-lettered are left to operators.
 */
@Component
record RecoverStuckOperations(
    OperationRepository operations,
    OutboxRepository outbox,
    InstanceRepository instances,
    InstanceId self,
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
    List<String> silent =
        instances.silentSince(now.minus(properties.liveness().deadAfter())).stream()
            .filter(id -> !id.equals(self.value()))
            .toList();
    Integer queued =
        tx.execute(
            status -> {
              Set<UUID> stuck = new LinkedHashSet<>();
              operations.findStuck(now).forEach(op -> stuck.add(op.value()));
              operations.findProcessingOwnedBy(silent).forEach(op -> stuck.add(op.value()));
              int taken = outbox.expireClaimsOf(silent);
              if (taken > 0) {
                log.warn("took over {} jobs claimed by silent instances {}", taken, silent);
              }
              return outbox.enqueueUnlessDead(JobKind.OPERATION, stuck, now);
            });
    // Their work is handed over: forget them, so they are not looked at again.
    silent.forEach(instances::remove);
    if (queued != null && queued > 0) {
      log.info("queued {} stuck gateway operations for recovery", queued);
    }
  }
}
