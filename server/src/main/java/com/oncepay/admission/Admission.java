package com.oncepay.admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Admission before work: at most {@code maxRunning} API requests of this instance run at once, and
 * the others wait parked, in arrival order, for up to {@code maxWait}.
 *
 * <p>Why: virtual threads take every request at once, so a burst (a flash sale's 2,000 pays on one
 * order) used to start 2,000 requests that all reached for the 20 pooled connections. A request
 * holding a connection then queued for a core behind hundreds that held none, each statement's
 * answer waited to be read, connections were held longer, and whoever waited past the pool's 2 s
 * connection timeout was answered 503. With at most as many running requests as the pool has
 * connections, a running request finds a connection at once, and the wait happens here, before the
 * request has cost a connection, with a bound of its own: the pool's timeout is left to say that
 * the database is away, not that the instance is busy.
 *
 * <p>A request gives its slot back while it waits for the gateway ({@link #away}), which holds no
 * connection, and takes one again, in line with the requests already waiting, to finalize: a slow
 * gateway does not keep the instance's slots idle.
 *
 * <p>The bound is a fair {@link Semaphore}: its queue is FIFO, so the first to wait is the first
 * in.
 */
public final class Admission {

  public static final String RUNNING_METRIC = "oncepay.admission.running";
  public static final String WAITING_METRIC = "oncepay.admission.waiting";
  public static final String WAIT_METRIC = "oncepay.admission.wait";
  public static final String TIMEOUT_METRIC = "oncepay.admission.timeouts";

  /**
   * The slot the current request holds; requests run on one (virtual) thread from filter to answer.
   */
  private static final ThreadLocal<Slot> HELD = new ThreadLocal<>();

  private final Semaphore slots;
  private final int maxRunning;
  private final Duration maxWait;
  private final Timer wait;
  private final Counter timeouts;

  public Admission(int maxRunning, Duration maxWait, MeterRegistry meters) {
    if (maxRunning < 1) {
      throw new IllegalArgumentException("maxRunning must be at least 1");
    }
    this.slots = new Semaphore(maxRunning, true);
    this.maxRunning = maxRunning;
    this.maxWait = maxWait;
    this.wait =
        Timer.builder(WAIT_METRIC)
            .description(
                "time an API request waited for a slot to run, first or after its gateway call")
            .publishPercentiles(0.5, 0.99)
            .register(meters);
    this.timeouts =
        Counter.builder(TIMEOUT_METRIC)
            .description("API requests answered 503 because no slot to run came free in time")
            .register(meters);
    Gauge.builder(RUNNING_METRIC, this, Admission::running)
        .description("API requests running now (at most limits.max-running)")
        .register(meters);
    Gauge.builder(WAITING_METRIC, slots, Semaphore::getQueueLength)
        .description("API requests waiting for a slot to run")
        .register(meters);
  }

  public int maxRunning() {
    return maxRunning;
  }

  public Duration maxWait() {
    return maxWait;
  }

  /** Requests waiting for a slot now. */
  public int waiting() {
    return slots.getQueueLength();
  }

  /** Requests holding a slot now. */
  public int running() {
    return maxRunning - slots.availablePermits();
  }

  /**
   * Takes a slot for the current thread, waiting in line up to {@link #maxWait}; empty when none
   * came free in time. The slot is the caller's to close.
   */
  public Optional<Slot> enter() throws InterruptedException {
    long start = System.nanoTime();
    // The timed form even for no wait: the untimed tryAcquire() would barge past the queue.
    boolean admitted = slots.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
    wait.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    if (!admitted) {
      timeouts.increment();
      return Optional.empty();
    }
    Slot slot = new Slot();
    HELD.set(slot);
    return Optional.of(slot);
  }

  /**
   * Runs {@code work} (a gateway call) with the current request's slot given back, and takes a slot
   * again afterwards. That second wait has no bound: the request holds a gateway's answer that it
   * must finalize, and slots come free as the running requests end. Outside a request (a queue
   * worker, the recovery sweeper) it only runs {@code work}.
   */
  public <T> T away(Supplier<T> work) {
    Slot slot = HELD.get();
    if (slot == null || !slot.held) {
      return work.get();
    }
    slot.giveBack();
    try {
      return work.get();
    } finally {
      slot.takeAgain();
    }
  }

  /** One running request's slot: closed (given back for good) when the request ends. */
  public final class Slot implements AutoCloseable {

    private boolean held = true;

    private Slot() {}

    private void giveBack() {
      held = false;
      slots.release();
    }

    private void takeAgain() {
      long start = System.nanoTime();
      slots.acquireUninterruptibly();
      wait.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      held = true;
    }

    @Override
    public void close() {
      HELD.remove();
      if (held) {
        held = false;
        slots.release();
      }
    }
  }
}
