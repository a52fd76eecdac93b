package com.oncepay.outbox.rabbitmq;

import com.oncepay.config.OncepayProperties;
import com.oncepay.outbox.NotificationListener;
import com.oncepay.outbox.OutboxRepository;
import com.oncepay.outbox.OutboxRepository.Relayed;
import com.oncepay.outbox.OutboxWorker;
import com.oncepay.outbox.Wakeup;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;

/**
 * Publishes due outbox jobs to RabbitMQ and marks each published only once the broker confirmed it.
 * It takes them with one SKIP LOCKED statement ({@link OutboxRepository#relayClaim}), so every
 * instance runs a relay and each job is published by one of them at a time; a relay that dies
 * between publish and mark leaves the job {@code publishing} with a short lease, after which a
 * relay publishes it again (the duplicate message is dropped by the consumer). Confirmed jobs keep
 * a long lease too: one still untaken when it runs out is published again, the safety net for a
 * message the broker lost.
 *
 * <p>It wakes on the outbox's NOTIFY, like the PostgreSQL workers, so a job is published in
 * milliseconds, and polls as well. While RabbitMQ is unreachable the jobs stay in the outbox
 * (nothing accepted is lost) and the relay retries with a growing pause, catching up once the
 * broker answers.
 */
public final class OutboxRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final int BATCH = 100;
  private static final Duration MAX_PAUSE = Duration.ofSeconds(5);

  private final OutboxRepository outbox;
  private final RabbitTemplate template;
  private final QueueTopology topology;
  private final OncepayProperties.Rabbitmq settings;
  private final OncepayProperties.Worker worker;
  private final Wakeup wakeup;
  private final Optional<NotificationListener> listener;
  private final Clock clock;
  private final String relayId;
  private final MeterRegistry meters;
  private final Timer lag;

  private volatile boolean active;
  private Thread thread;

  OutboxRelay(
      OutboxRepository outbox,
      RabbitTemplate template,
      QueueTopology topology,
      OncepayProperties properties,
      Wakeup wakeup,
      Optional<NotificationListener> listener,
      Clock clock,
      String relayId,
      MeterRegistry meters) {
    this.outbox = outbox;
    this.template = template;
    this.topology = topology;
    this.settings = properties.rabbitmq();
    this.worker = properties.worker();
    this.wakeup = wakeup;
    this.listener = listener;
    this.clock = clock;
    this.relayId = relayId;
    this.meters = meters;
    this.lag =
        Timer.builder(QueueMetrics.RELAY_LAG)
            .description("time from a job becoming due to the broker confirming its message")
            .publishPercentiles(0.5, 0.9, 0.99)
            .register(meters);
  }

  @Override
  public void start() {
    active = true;
    listener.ifPresent(NotificationListener::start);
    thread = Thread.ofPlatform().name("oncepay-outbox-relay").start(this::loop);
    log.info("outbox relay {} publishing to exchange {}", relayId, topology.exchange());
  }

  private void loop() {
    Duration pause = Duration.ZERO;
    boolean failing = false;
    while (active) {
      try {
        if (!pause.isZero()) {
          Thread.sleep(pause);
        }
        int relayed = relayOnce();
        if (failing) {
          log.info("outbox relay publishing again");
          failing = false;
        }
        pause = Duration.ZERO;
        if (relayed < BATCH) {
          wakeup.await(worker.pollInterval());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // Broker or database away: the jobs stay in the outbox; say it once, then retry quietly.
        if (!failing) {
          log.warn("outbox relay cannot publish, retrying: {}", e.toString());
          failing = true;
        }
        pause = next(pause);
      }
    }
  }

  private static Duration next(Duration pause) {
    Duration doubled = pause.isZero() ? Duration.ofMillis(100) : pause.multipliedBy(2);
    return doubled.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : doubled;
  }

  /**
   * Takes one batch of due jobs, publishes them, waits for the confirms, and records which were
   * confirmed (published) and which not (ready again, still due).
   *
   * @return how many jobs were taken
   */
  int relayOnce() throws InterruptedException {
    OffsetDateTime now = OffsetDateTime.now(clock);
    List<Relayed> jobs =
        outbox.relayClaim(relayId, BATCH, now.plus(settings.confirmTimeout().multipliedBy(2)), now);
    if (jobs.isEmpty()) {
      return 0;
    }
    Map<Relayed, CorrelationData> sent = new LinkedHashMap<>();
    List<Long> failed = new ArrayList<>();
    RuntimeException sendFailure = null;
    for (Relayed job : jobs) {
      if (sendFailure != null) {
        failed.add(job.id());
        continue;
      }
      CorrelationData correlation = new CorrelationData(Long.toString(job.id()));
      try {
        template.send(
            topology.exchange(),
            QueueTopology.ROUTING_KEY,
            QueueTopology.message(job.id()),
            correlation);
        sent.put(job, correlation);
      } catch (AmqpException e) {
        sendFailure = e;
        failed.add(job.id());
      }
    }
    long deadline = System.nanoTime() + settings.confirmTimeout().toNanos();
    Set<Long> confirmed = new HashSet<>();
    for (Map.Entry<Relayed, CorrelationData> entry : sent.entrySet()) {
      String outcome = awaitConfirm(entry.getValue(), deadline);
      count(outcome, entry.getKey().fresh());
      if (outcome.equals("confirmed")) {
        confirmed.add(entry.getKey().id());
      } else {
        failed.add(entry.getKey().id());
      }
    }
    OffsetDateTime confirmedAt = OffsetDateTime.now(clock);
    outbox.confirmPublished(relayId, confirmed, confirmedAt.plus(settings.republishAfter()));
    for (Relayed job : sent.keySet()) {
      if (job.fresh() && confirmed.contains(job.id())) {
        lag.record(Duration.between(job.runAt(), confirmedAt));
      }
    }
    outbox.unconfirmed(relayId, failed);
    if (sendFailure != null) {
      throw sendFailure;
    }
    if (!failed.isEmpty()) {
      throw new IllegalStateException(failed.size() + " publishes not confirmed by the broker");
    }
    return jobs.size();
  }

  private static String awaitConfirm(CorrelationData correlation, long deadline)
      throws InterruptedException {
    try {
      CorrelationData.Confirm confirm =
          correlation
              .getFuture()
              .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (!confirm.ack()) {
        return "nacked";
      }
      // Mandatory publishes: an unroutable one (no queue bound) is returned before its confirm.
      return correlation.getReturned() == null ? "confirmed" : "returned";
    } catch (TimeoutException e) {
      return "unconfirmed";
    } catch (ExecutionException e) {
      return "nacked";
    }
  }

  private void count(String outcome, boolean fresh) {
    Counter.builder(QueueMetrics.PUBLISHED)
        .description("outbox jobs published to RabbitMQ, by the broker's answer")
        .tag("outcome", outcome)
        .tag("source", fresh ? "due" : "republished")
        .register(meters)
        .increment();
  }

  @Override
  public void stop() {
    if (!active) {
      return;
    }
    active = false;
    wakeup.signal();
    try {
      thread.join(worker.shutdownGrace());
      if (listener.isPresent()) {
        listener.get().stop();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return active;
  }

  @Override
  public int getPhase() {
    return OutboxWorker.PHASE;
  }

  /** An instance with its workers off (oncepay.worker.enabled=false) does not relay either. */
  @Override
  public boolean isAutoStartup() {
    return worker.enabled();
  }
}
