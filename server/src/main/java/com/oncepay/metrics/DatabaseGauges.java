package com.oncepay.metrics;

import com.oncepay.gatewayevents.GatewayEventRepository;
import com.oncepay.idempotency.IdempotencyStore;
import com.oncepay.outbox.JobKind;
import com.oncepay.outbox.JobStatus;
import com.oncepay.outbox.OutboxRepository;
import com.oncepay.payment.store.OperationRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Gauges of what waits in PostgreSQL: the queue's depth by kind and state, how late its oldest due
 * job is, its dead letters, the operations whose outcome is unknown (how many, how old the oldest),
 * the gateway events flagged as contradictions, and the idempotency keys still in progress.
 *
 * <p>A scrape never queries. Every {@link #REFRESH} one refresh reads all figures (four cheap
 * statements, each in its table's repository) into a snapshot, and the gauges read the snapshot:
 * any number of scrapers cost the database the same, and a scrape answers at once while the
 * database is slow or down. Then {@value #AGE} grows, and an alert says the figures are stale
 * rather than letting an old "0 unknown" look like good news.
 *
 * <p>The figures are the database's, shared by every instance: each instance reports the same
 * values, so rules aggregate them with {@code max}, never {@code sum}.
 */
@Component
public class DatabaseGauges implements SchedulingConfigurer {

  public static final String QUEUE_DEPTH = "oncepay.queue.depth";
  public static final String QUEUE_OLDEST_READY = "oncepay.queue.oldest_ready";
  public static final String QUEUE_DEAD = "oncepay.queue.dead";
  public static final String UNKNOWN_OPERATIONS = "oncepay.operations.unknown";
  public static final String UNKNOWN_OLDEST = "oncepay.operations.unknown.oldest";
  public static final String FLAGGED_EVENTS = "oncepay.webhooks.flagged";
  public static final String KEYS_IN_PROGRESS = "oncepay.idempotency.in_progress";
  public static final String AGE = "oncepay.gauges.age";

  /** How often the figures are read from the database. */
  public static final Duration REFRESH = Duration.ofSeconds(5);

  /** The queue states whose depth is a gauge; dead jobs have their own. */
  private static final List<JobStatus> DEPTH_STATES =
      List.of(JobStatus.READY, JobStatus.PUBLISHING, JobStatus.PUBLISHED, JobStatus.CLAIMED);

  private static final Logger log = LoggerFactory.getLogger(DatabaseGauges.class);

  private final OutboxRepository outbox;
  private final OperationRepository operations;
  private final GatewayEventRepository gatewayEvents;
  private final IdempotencyStore keys;
  private final Clock clock;

  private volatile Snapshot snapshot;
  private volatile boolean failing;

  public DatabaseGauges(
      OutboxRepository outbox,
      OperationRepository operations,
      GatewayEventRepository gatewayEvents,
      IdempotencyStore keys,
      Clock clock,
      MeterRegistry meters) {
    this.outbox = outbox;
    this.operations = operations;
    this.gatewayEvents = gatewayEvents;
    this.keys = keys;
    this.clock = clock;
    this.snapshot = Snapshot.empty(clock.instant());
    register(meters);
  }

  private void register(MeterRegistry meters) {
    for (JobKind kind : JobKind.values()) {
      for (JobStatus state : DEPTH_STATES) {
        gauge(QUEUE_DEPTH, "jobs in the queue, by kind and state", s -> s.jobs(kind, state))
            .tag("kind", kind.dbName())
            .tag("state", state.dbName())
            .register(meters);
      }
      gauge(
              QUEUE_OLDEST_READY,
              "how long the oldest due ready job has waited for a worker",
              s -> seconds(s.oldestDue().get(kind)))
          .tag("kind", kind.dbName())
          .baseUnit("seconds")
          .register(meters);
      gauge(
              QUEUE_DEAD,
              "dead-lettered jobs, kept for an operator",
              s -> s.jobs(kind, JobStatus.DEAD))
          .tag("kind", kind.dbName())
          .register(meters);
    }
    gauge(UNKNOWN_OPERATIONS, "gateway operations whose outcome is unknown", Snapshot::unknown)
        .register(meters);
    gauge(
            UNKNOWN_OLDEST,
            "age of the oldest gateway operation whose outcome is unknown",
            s -> seconds(s.oldestUnknown()))
        .baseUnit("seconds")
        .register(meters);
    gauge(
            FLAGGED_EVENTS,
            "gateway webhooks flagged as contradicting what we recorded",
            Snapshot::flagged)
        .register(meters);
    gauge(
            KEYS_IN_PROGRESS,
            "idempotency keys held by a request still running or crashed",
            Snapshot::keysInProgress)
        .register(meters);
    gauge(AGE, "time since these database gauges were last read", s -> seconds(s.taken()))
        .baseUnit("seconds")
        .register(meters);
  }

  private Gauge.Builder<DatabaseGauges> gauge(
      String name, String description, ToDoubleFunction<Snapshot> value) {
    return Gauge.builder(name, this, gauges -> value.applyAsDouble(gauges.snapshot))
        .description(description);
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    registrar.addFixedDelayTask(new FixedDelayTask(this::refresh, REFRESH, Duration.ZERO));
  }

  /** Reads every figure; on failure the last snapshot stays, and its age tells. */
  void refresh() {
    try {
      Instant taken = clock.instant();
      OffsetDateTime now = OffsetDateTime.ofInstant(taken, clock.getZone());
      Map<JobKind, Map<JobStatus, Long>> jobs = new EnumMap<>(JobKind.class);
      Map<JobKind, OffsetDateTime> oldestDue = new EnumMap<>(JobKind.class);
      for (OutboxRepository.Backlog backlog : outbox.backlog(now)) {
        jobs.computeIfAbsent(backlog.kind(), k -> new EnumMap<>(JobStatus.class))
            .put(backlog.status(), backlog.jobs());
        if (backlog.oldestDue() != null) {
          oldestDue.put(backlog.kind(), backlog.oldestDue());
        }
      }
      OperationRepository.UnknownOperations unknown = operations.unknown();
      snapshot =
          new Snapshot(
              jobs,
              oldestDue,
              unknown.count(),
              unknown.oldestCreatedAt(),
              gatewayEvents.countFlagged(),
              keys.countInProgress(),
              taken);
      if (failing) {
        log.info("database gauges read again");
        failing = false;
      }
    } catch (RuntimeException e) {
      // Every REFRESH while the database is down: say it once, not every five seconds.
      if (!failing) {
        log.warn("database gauges not read, keeping the last figures: {}", e.getMessage());
        failing = true;
      } else {
        log.debug("database gauges still not read: {}", e.getMessage());
      }
    }
  }

  private double seconds(OffsetDateTime since) {
    return since == null ? 0 : seconds(since.toInstant());
  }

  private double seconds(Instant since) {
    long millis = Duration.between(since, clock.instant()).toMillis();
    return Math.max(0, millis) / 1000.0;
  }

  /** The figures of one refresh. */
  private record Snapshot(
      Map<JobKind, Map<JobStatus, Long>> jobsByKind,
      Map<JobKind, OffsetDateTime> oldestDue,
      long unknown,
      OffsetDateTime oldestUnknown,
      long flagged,
      long keysInProgress,
      Instant taken) {

    static Snapshot empty(Instant now) {
      return new Snapshot(Map.of(), Map.of(), 0, null, 0, 0, now);
    }

    long jobs(JobKind kind, JobStatus status) {
      return jobsByKind.getOrDefault(kind, Map.of()).getOrDefault(status, 0L);
    }
  }
}
