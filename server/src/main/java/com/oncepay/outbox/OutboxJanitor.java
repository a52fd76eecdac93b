package com.oncepay.outbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Keeps the hot queue table small: deletes finished jobs a minute after they finished. */
@Component
class OutboxJanitor {

  private static final int BATCH = 1000;

  private final OutboxRepository outbox;
  private final Clock clock;

  OutboxJanitor(OutboxRepository outbox, Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${oncepay.worker.janitor-interval:10s}", initialDelay = 5_000)
  void deleteDone() {
    OffsetDateTime before = OffsetDateTime.now(clock).minusMinutes(1);
    while (outbox.deleteDone(BATCH, before) == BATCH) {
      // keep going: each batch is its own short statement
    }
  }
}
