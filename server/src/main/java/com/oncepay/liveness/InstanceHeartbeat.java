package com.oncepay.liveness;

import com.oncepay.config.OncepayProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps this instance's row in {@code instances} fresh while it runs, and removes it at a graceful
 * stop. A killed instance's row goes stale, which is how the others learn to take its work over.
 */
@Component
public class InstanceHeartbeat implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(InstanceHeartbeat.class);

  private final InstanceRepository instances;
  private final InstanceId self;
  private final Duration interval;
  private final Clock clock;
  private final OffsetDateTime startedAt;
  private volatile Thread beating;

  InstanceHeartbeat(
      InstanceRepository instances, InstanceId self, OncepayProperties properties, Clock clock) {
    this.instances = instances;
    this.self = self;
    this.interval = properties.liveness().heartbeatInterval();
    this.clock = clock;
    this.startedAt = OffsetDateTime.now(clock);
  }

  @Override
  public void start() {
    instances.beat(self.value(), startedAt, OffsetDateTime.now(clock));
    beating = Thread.ofPlatform().name("oncepay-instance-heartbeat").daemon().start(this::beat);
  }

  private void beat() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(interval);
        instances.beat(self.value(), startedAt, OffsetDateTime.now(clock));
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // The database is briefly away: the next beat will tell. Missing a few is what "dead" is
        // measured by, so keep trying rather than stop.
        log.warn("instance heartbeat failed: {}", e.getMessage());
      }
    }
  }

  @Override
  public void stop() {
    Thread thread = beating;
    if (thread != null) {
      thread.interrupt();
      beating = null;
    }
    try {
      instances.remove(self.value());
    } catch (RuntimeException e) {
      log.warn("could not deregister instance {}: {}", self, e.getMessage());
    }
  }

  @Override
  public boolean isRunning() {
    return beating != null;
  }

  /** Before the worker starts and after it stops: its claims are this instance's. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 8192;
  }
}
