package com.oncepay.outbox;

import com.oncepay.config.OncepayProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Keeps the hot queue table small: deletes finished jobs a minute after they finished. */
@Component
class OutboxJanitor implements SchedulingConfigurer {

  private static final int BATCH = 1000;

  private final OutboxRepository outbox;
  private final Clock clock;
  private final Duration interval;

  OutboxJanitor(OutboxRepository outbox, Clock clock, OncepayProperties properties) {
    this.outbox = outbox;
    this.clock = clock;
    this.interval = properties.worker().janitorInterval();
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    registrar.addFixedDelayTask(
        new FixedDelayTask(this::deleteDone, interval, Duration.ofSeconds(5)));
  }

  void deleteDone() {
    OffsetDateTime before = OffsetDateTime.now(clock).minusMinutes(1);
    while (outbox.deleteDone(BATCH, before) == BATCH) {
      // keep going: each batch is its own short statement
    }
  }
}
