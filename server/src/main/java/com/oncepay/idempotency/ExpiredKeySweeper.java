package com.oncepay.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes idempotency keys past their retention, in batches, every minute. */
@Component
class ExpiredKeySweeper {

  private static final Logger log = LoggerFactory.getLogger(ExpiredKeySweeper.class);
  private static final int BATCH = 1000;

  private final IdempotencyStore store;

  ExpiredKeySweeper(IdempotencyStore store) {
    this.store = store;
  }

  @Scheduled(fixedDelayString = "${oncepay.idempotency.sweep-interval:60s}", initialDelay = 10_000)
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
