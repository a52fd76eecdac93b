package com.oncepay.idempotency;

import com.oncepay.config.OncepayProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Deletes idempotency keys past their retention, in batches, every sweep interval. */
@Component
class ExpiredKeySweeper implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(ExpiredKeySweeper.class);
  private static final int BATCH = 1000;

  private final IdempotencyStore store;
  private final Duration interval;

  ExpiredKeySweeper(IdempotencyStore store, OncepayProperties properties) {
    this.store = store;
    this.interval = properties.idempotency().sweepInterval();
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    registrar.addFixedDelayTask(new FixedDelayTask(this::sweep, interval, Duration.ofSeconds(10)));
  }

  void sweep() {
    int total = 0;
    int deleted;
    do {
      deleted = store.deleteExpired(BATCH);
      total += deleted;
    } while (deleted == BATCH);
    if (total > 0) {
      log.info("deleted {} expired idempotency keys", total);
    }
  }
}
