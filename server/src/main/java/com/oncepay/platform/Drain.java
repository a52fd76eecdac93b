package com.oncepay.platform;

import com.oncepay.config.OncepayProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The first thing a stopping instance does: report itself not ready ({@code
 * /actuator/health/readiness} answers 503) and keep serving for the drain delay, so the balancer's
 * health checks take it out of rotation while it still accepts connections. Only then does the web
 * server's graceful shutdown stop accepting and finish the requests in flight, and the worker
 * finish or hand back its jobs. Without the delay, requests routed in the gap between "stopped
 * accepting" and "balancer noticed" would fail.
 */
@Component
class Drain implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Drain.class);

  private final ApplicationEventPublisher events;
  private final Duration delay;
  private volatile boolean running;

  Drain(ApplicationEventPublisher events, OncepayProperties properties) {
    this.events = events;
    this.delay = properties.drainDelay();
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
    if (delay.isZero()) {
      return;
    }
    log.info("draining: not ready, still serving for {} before shutting down", delay);
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops before everything else, the web server's graceful shutdown included. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE;
  }
}
