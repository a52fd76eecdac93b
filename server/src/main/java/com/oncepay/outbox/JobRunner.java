package com.oncepay.outbox;

import com.oncepay.config.OncepayProperties;
import com.oncepay.liveness.InstanceId;
import com.oncepay.logging.LogContext;
import com.oncepay.persistence.TransientFailures;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs a claimed job and records its outcome (done, retry after the kind's backoff, dead), the same
 * for both queues: the PostgreSQL worker calls it for the jobs it claims, the RabbitMQ consumer for
 * the job of each message, and acknowledges the message only after this returned. While jobs run,
 * their claims' leases are renewed every lease/3.
 */
@Component
public class JobRunner implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
  private static final Duration RECORD_MAX_WAIT = Duration.ofSeconds(2);

  private final OutboxRepository outbox;
  private final Map<JobKind, JobHandler> handlers = new EnumMap<>(JobKind.class);
  private final Map<JobKind, RetryPolicy> policies = new EnumMap<>(JobKind.class);
  private final OncepayProperties.Worker settings;
  private final Clock clock;
  private final MeterRegistry meters;
  private final String workerId;
  private final RetryConfig untilTheDatabaseAnswers;
  private final Set<Long> running = ConcurrentHashMap.newKeySet();
  private final Timer pickup;

  private volatile boolean active;
  private Thread heartbeat;

  public JobRunner(
      OutboxRepository outbox,
      List<JobHandler> handlerList,
      OncepayProperties properties,
      Clock clock,
      MeterRegistry meters,
      InstanceId instance) {
    this.outbox = outbox;
    handlerList.forEach(handler -> handlers.put(handler.kind(), handler));
    this.settings = properties.worker();
    policies.put(JobKind.OPERATION, policy(settings.operationRetry()));
    policies.put(JobKind.WEBHOOK, policy(settings.webhookRetry()));
    this.clock = clock;
    this.meters = meters;
    // Claims are made in this instance's name: when it dies, its claims are taken over by name.
    this.workerId = instance.value();
    this.untilTheDatabaseAnswers =
        RetryConfig.custom()
            .maxAttempts(2 + (int) (settings.lease().toMillis() / RECORD_MAX_WAIT.toMillis()))
            .intervalFunction(
                IntervalFunction.ofExponentialBackoff(Duration.ofMillis(250), 2, RECORD_MAX_WAIT))
            .retryOnException(TransientFailures::isTransient)
            .build();
    this.pickup =
        Timer.builder(OutboxWorker.PICKUP_METRIC)
            .description("time from enqueue to a worker starting the job's first run")
            .publishPercentiles(0.5, 0.9, 0.99)
            .register(meters);
  }

  private static RetryPolicy policy(OncepayProperties.Retry retry) {
    return new RetryPolicy(retry.initial(), retry.multiplier(), retry.max(), retry.maxAttempts());
  }

  /** The name claims are made in: this instance's id. */
  public String workerId() {
    return workerId;
  }

  public Duration lease() {
    return settings.lease();
  }

  /**
   * Runs the job and records its outcome. A database outage must not strand the job until its lease
   * runs out: the outcome is recorded as soon as the database answers again (within the lease; then
   * it is taken over).
   *
   * @return how it was recorded: {@code done}, {@code retry}, {@code dead}, or {@code taken_over}
   *     when another worker took the job over meanwhile (its run decides)
   * @throws RuntimeException when the outcome could not be recorded
   */
  public String run(Job job) {
    JobHandler handler = handlers.get(job.kind());
    running.add(job.id());
    // Set on the job's own thread, so every line of the run, the handler's and ours, names the job
    // and what it is about; closed before the thread moves on.
    try (LogContext.Scope ids =
            LogContext.with(LogContext.JOB_ID, job.id())
                .and(LogContext.JOB_KIND, job.kind().dbName());
        LogContext.Scope ref = handler == null ? LogContext.none() : handler.logContext(job)) {
      if (job.attempt() == 1) {
        pickup.record(Duration.between(job.createdAt(), OffsetDateTime.now(clock)));
      }
      JobOutcome outcome = handle(handler, job);
      return Retry.decorateSupplier(
              Retry.of("record-job-" + job.id(), untilTheDatabaseAnswers),
              () -> finish(job, outcome))
          .get();
    } finally {
      running.remove(job.id());
    }
  }

  private JobOutcome handle(JobHandler handler, Job job) {
    if (handler == null) {
      return new JobOutcome.GiveUp("no handler for " + job.kind());
    }
    try {
      return handler.handle(job);
    } catch (RuntimeException e) {
      log.warn("job {} {} attempt {} failed", job.kind(), job.ref(), job.attempt(), e);
      return new JobOutcome.RetryLater(e.toString());
    }
  }

  private String finish(Job job, JobOutcome outcome) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    RetryPolicy policy = policies.get(job.kind());
    boolean recorded;
    String result;
    switch (outcome) {
      case JobOutcome.Done done -> {
        recorded = outbox.complete(job.id(), workerId, now);
        result = "done";
      }
      case JobOutcome.RetryLater retry when policy.exhausted(job.attempt()) -> {
        log.error(
            "job {} {} dead after {} attempts: {}",
            job.kind(),
            job.ref(),
            job.attempt(),
            retry.reason());
        recorded = outbox.bury(job.id(), workerId, retry.reason(), now);
        result = "dead";
      }
      case JobOutcome.RetryLater retry -> {
        recorded =
            outbox.retryAt(
                job.id(), workerId, now.plus(policy.delayAfter(job.attempt())), retry.reason());
        result = "retry";
      }
      case JobOutcome.GiveUp giveUp -> {
        log.error("job {} {} given up: {}", job.kind(), job.ref(), giveUp.reason());
        recorded = outbox.bury(job.id(), workerId, giveUp.reason(), now);
        result = "dead";
      }
    }
    if (!recorded) {
      // Our lease ran out and another worker took the job over; its run decides.
      log.warn("job {} {} was taken over before it finished here", job.kind(), job.ref());
      result = "taken_over";
    }
    Counter.builder(OutboxWorker.JOBS_METRIC)
        .tag("kind", job.kind().dbName())
        .tag("outcome", result)
        .register(meters)
        .increment();
    return result;
  }

  /** How many jobs are running here now. */
  public int running() {
    return running.size();
  }

  @Override
  public void start() {
    if (!settings.enabled()) {
      return;
    }
    active = true;
    heartbeat =
        Thread.ofPlatform().name("oncepay-outbox-heartbeat").daemon().start(this::heartbeat);
  }

  private void heartbeat() {
    Duration every = settings.lease().dividedBy(3);
    while (active) {
      try {
        Thread.sleep(every);
        OffsetDateTime now = OffsetDateTime.now(clock);
        outbox.heartbeat(workerId, Set.copyOf(running), now.plus(settings.lease()));
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("heartbeat failed: {}", e.getMessage());
      }
    }
  }

  /**
   * Runs after the worker or the consumers stopped: hands back this instance's unfinished claims,
   * so another instance runs them without waiting for the lease.
   */
  @Override
  public void stop() {
    if (!active) {
      return;
    }
    active = false;
    heartbeat.interrupt();
    try {
      int released = outbox.release(workerId);
      if (released > 0) {
        log.info("handed back {} unfinished jobs", released);
      }
    } catch (RuntimeException e) {
      log.warn(
          "unfinished jobs not handed back (taken over after their lease): {}", e.getMessage());
    }
  }

  @Override
  public boolean isRunning() {
    return active;
  }

  /** Stops after whatever runs jobs (the worker, the consumers): they stop one phase later. */
  @Override
  public int getPhase() {
    return OutboxWorker.PHASE - 1;
  }
}
