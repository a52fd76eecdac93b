package com.oncepay.outbox;

import com.oncepay.config.OncepayProperties;
import com.oncepay.persistence.DatabaseRoute;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * ONCEPAY_QUEUE=postgres: claims jobs from the outbox and runs them on virtual threads, at most
 * {@code concurrency} at a time per instance. Any number of instances share the table: the claim
 * statement hands each job to one worker, heartbeats keep its lease alive while it runs, and a
 * worker that dies simply stops heartbeating, so its jobs are taken over when their lease runs out.
 */
@Component
@ConditionalOnProperty(name = "oncepay.queue", havingValue = "postgres", matchIfMissing = true)
public class OutboxWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
  public static final String PICKUP_METRIC = "oncepay.queue.pickup";
  public static final String JOBS_METRIC = "oncepay.queue.jobs";

  /** Starts before and stops after the web server, so requests in flight can still enqueue. */
  public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  private final OutboxRepository outbox;
  private final JobRunner runner;
  private final OncepayProperties.Worker settings;
  private final Wakeup wakeup;
  private final Clock clock;
  private final Optional<NotificationListener> listener;
  private final Semaphore slots;

  private volatile boolean active;

  /**
   * The dispatcher found every slot taken and waits for one: only then does a finished job wake it.
   * Otherwise it waits because the queue is empty, and the next enqueue's NOTIFY wakes it; a claim
   * after every job would find nothing and cost a statement per job.
   */
  private volatile boolean starved;

  private Thread dispatcher;
  private ExecutorService executor;

  public OutboxWorker(
      OutboxRepository outbox,
      JobRunner runner,
      OncepayProperties properties,
      Wakeup wakeup,
      Clock clock,
      HikariDataSource pool,
      DatabaseRoute route) {
    this.outbox = outbox;
    this.runner = runner;
    this.settings = properties.worker();
    this.wakeup = wakeup;
    this.clock = clock;
    this.listener = NotificationListener.forRoute(pool, route, wakeup);
    this.slots = new Semaphore(settings.concurrency());
  }

  public String workerId() {
    return runner.workerId();
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
    log.info("outbox worker {} started, concurrency {}", workerId(), settings.concurrency());
  }

  private void dispatch() {
    while (active) {
      try {
        // Set before the slots are counted, and a job frees its slot before it reads the flag: a
        // slot freed after the count always sees the flag and wakes the dispatcher.
        starved = true;
        int free = slots.availablePermits();
        int claimed = 0;
        if (free > 0) {
          starved = false;
          OffsetDateTime now = OffsetDateTime.now(clock);
          List<Job> jobs = outbox.claim(workerId(), free, now.plus(settings.lease()), now);
          claimed = jobs.size();
          for (Job job : jobs) {
            slots.acquire();
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
    try {
      runner.run(job);
    } catch (RuntimeException e) {
      log.error("job {} {} could not be recorded", job.kind(), job.ref(), e);
    } finally {
      slots.release();
      if (starved) {
        wakeup.signal();
      }
    }
  }

  /**
   * Graceful stop: claim nothing more and give running jobs the grace period; then the runner,
   * which stops next, hands back what is still unfinished.
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
        log.warn("{} jobs still running after the shutdown grace period", runner.running());
      }
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
    return PHASE;
  }
}
