package com.oncepay.outbox;

import com.oncepay.config.OncepayProperties;
import com.oncepay.liveness.InstanceId;
import com.oncepay.logging.LogContext;
import com.oncepay.persistence.DatabaseRoute;
import com.oncepay.persistence.TransientFailures;
import com.zaxxer.hikari.HikariDataSource;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Claims jobs from the outbox and runs them on virtual threads, at most {@code concurrency} at a
 * time per instance. Any number of instances share the table: the claim statement hands each job to
 * one worker, heartbeats keep its lease alive while it runs, and a worker that dies simply stops
 * heartbeating, so its jobs are taken over when their lease runs out.
 */
@Component
public class OutboxWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
  public static final String PICKUP_METRIC = "oncepay.queue.pickup";
  public static final String JOBS_METRIC = "oncepay.queue.jobs";
  private static final Duration RECORD_MAX_WAIT = Duration.ofSeconds(2);

  private final OutboxRepository outbox;
  private final Map<JobKind, JobHandler> handlers = new EnumMap<>(JobKind.class);
  private final Map<JobKind, RetryPolicy> policies = new EnumMap<>(JobKind.class);
  private final OncepayProperties.Worker settings;
  private final Wakeup wakeup;
  private final Clock clock;
  private final MeterRegistry meters;
  private final Optional<NotificationListener> listener;
  private final String workerId;
  private final Semaphore slots;
  private final RetryConfig untilTheDatabaseAnswers;
  private final Set<Long> running = ConcurrentHashMap.newKeySet();
  private final Timer pickup;

  private volatile boolean active;
  private Thread dispatcher;
  private Thread heartbeat;
  private ExecutorService executor;

  public OutboxWorker(
      OutboxRepository outbox,
      List<JobHandler> handlerList,
      OncepayProperties properties,
      Wakeup wakeup,
      Clock clock,
      MeterRegistry meters,
      HikariDataSource pool,
      DatabaseRoute route,
      InstanceId instance) {
    this.outbox = outbox;
    handlerList.forEach(handler -> handlers.put(handler.kind(), handler));
    this.settings = properties.worker();
    policies.put(JobKind.OPERATION, policy(settings.operationRetry()));
    policies.put(JobKind.WEBHOOK, policy(settings.webhookRetry()));
    this.wakeup = wakeup;
    this.clock = clock;
    this.meters = meters;
    this.listener = route.listenUrl().map(url -> new NotificationListener(pool, url, wakeup));
    // Claims are made in this instance's name: when it dies, its claims are taken over by name.
    this.workerId = instance.value();
    this.slots = new Semaphore(settings.concurrency());
    this.untilTheDatabaseAnswers =
        RetryConfig.custom()
            .maxAttempts(2 + (int) (settings.lease().toMillis() / RECORD_MAX_WAIT.toMillis()))
            .intervalFunction(
                IntervalFunction.ofExponentialBackoff(Duration.ofMillis(250), 2, RECORD_MAX_WAIT))
            .retryOnException(TransientFailures::isTransient)
            .build();
    this.pickup =
        Timer.builder(PICKUP_METRIC)
            .description("time from enqueue to a worker starting the job's first run")
            .publishPercentiles(0.5, 0.9, 0.99)
            .register(meters);
  }

  private static RetryPolicy policy(OncepayProperties.Retry retry) {
    return new RetryPolicy(retry.initial(), retry.multiplier(), retry.max(), retry.maxAttempts());
  }

  public String workerId() {
    return workerId;
  }

  @Override
  public void start() {
    if (!settings.enabled()) {
      return;
    }
    active = true;
    executor =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("oncepay-job-", 0).factory());
    listener.ifPresent(NotificationListener::start);
    dispatcher = Thread.ofPlatform().name("oncepay-outbox-dispatcher").start(this::dispatch);
    heartbeat =
        Thread.ofPlatform().name("oncepay-outbox-heartbeat").daemon().start(this::heartbeat);
    log.info("outbox worker {} started, concurrency {}", workerId, settings.concurrency());
  }

  private void dispatch() {
    while (active) {
      try {
        int free = slots.availablePermits();
        int claimed = 0;
        if (free > 0) {
          OffsetDateTime now = OffsetDateTime.now(clock);
          List<Job> jobs = outbox.claim(workerId, free, now.plus(settings.lease()), now);
          claimed = jobs.size();
          for (Job job : jobs) {
            slots.acquire();
            running.add(job.id());
            executor.submit(() -> runAndRelease(job));
          }
        }
        if (claimed == 0 || claimed < free) {
          wakeup.await(settings.pollInterval());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("claiming jobs failed: {}", e.getMessage());
        try {
          wakeup.await(settings.pollInterval());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void runAndRelease(Job job) {
    JobHandler handler = handlers.get(job.kind());
    // Set on the job's own virtual thread, so every line of the run, the handler's and ours,
    // names the job and what it is about; closed before the thread ends.
    try (LogContext.Scope ids =
            LogContext.with(LogContext.JOB_ID, job.id())
                .and(LogContext.JOB_KIND, job.kind().dbName());
        LogContext.Scope ref = handler == null ? LogContext.none() : handler.logContext(job)) {
      if (job.attempt() == 1) {
        pickup.record(Duration.between(job.createdAt(), OffsetDateTime.now(clock)));
      }
      JobOutcome outcome = run(job);
      // A database outage must not strand the job until its lease runs out: its outcome is
      // recorded as soon as the database answers again (within the lease; then it is taken over).
      Retry.decorateRunnable(
              Retry.of("record-job-" + job.id(), untilTheDatabaseAnswers),
              () -> finish(job, outcome))
          .run();
    } catch (RuntimeException e) {
      log.error("job {} {} could not be recorded", job.kind(), job.ref(), e);
    } finally {
      running.remove(job.id());
      slots.release();
      wakeup.signal();
    }
  }

  private JobOutcome run(Job job) {
    JobHandler handler = handlers.get(job.kind());
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

  private void finish(Job job, JobOutcome outcome) {
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
    Counter.builder(JOBS_METRIC)
        .tag("kind", job.kind().dbName())
        .tag("outcome", result)
        .register(meters)
        .increment();
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
   * Graceful stop: claim nothing more, give running jobs the grace period, then hand back what is
   * still unfinished so another instance runs it without waiting for the lease.
   */
  @Override
  public void stop() {
    if (!active) {
      return;
    }
    active = false;
    wakeup.signal();
    try {
      dispatcher.join(settings.shutdownGrace());
      executor.shutdown();
      if (!executor.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("{} jobs still running after the shutdown grace period", running.size());
      }
      heartbeat.interrupt();
      if (listener.isPresent()) {
        listener.get().stop();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int released = outbox.release(workerId);
    if (released > 0) {
      log.info("handed back {} unfinished jobs", released);
    }
  }

  @Override
  public boolean isRunning() {
    return active;
  }

  /** Starts before and stops after the web server, so requests in flight can still enqueue. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 4096;
  }
}
