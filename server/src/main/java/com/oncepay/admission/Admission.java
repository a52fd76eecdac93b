package com.oncepay.admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Admission before work: at most {@code maxRunning} API requests of this instance run at once, and
 * the others wait parked, in arrival order, for up to {@code maxWait}.
 *
 * <p>Why: virtual threads take every request at once, so a burst (a flash sale's 2,000 pays on one
 * order) used to start 2,000 requests that all reached for the 20 pooled connections. A request
 * holding a connection then queued for a core behind hundreds that held none, each statement's
 * answer waited to be read, connections were held longer, and whoever waited past the pool's 2 s
 * connection timeout was answered 503. With a bound on running requests, the wait happens here,
 * before the request has cost a connection, with a bound of its own: the pool's timeout is left to
 * say that the database is away, not that the instance is busy.
 *
 * <p>A request gives its slot back while it waits for the gateway ({@link #away}), which holds no
 * connection, and takes one again to finalize. Returning requests go first: each holds a gateway's
 * answer that only its finalize makes durable, and behind a line of new arrivals it would wait once
 * more for as long as they do (with one line, issue 8's slow-gateway benchmark fell to a median of
 * 0.69 of Little's law, against 0.81 without the bound).
 *
 * <p>A slot that comes free is handed to the first waiter of the first non-empty line, never left
 * for a newcomer to take: a free slot means no one waits.
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

  private final ReentrantLock lock = new ReentrantLock();
  private final Deque<Waiter> returning = new ArrayDeque<>();
  private final Deque<Waiter> arriving = new ArrayDeque<>();
  private int free;

  private final int maxRunning;
  private final Duration maxWait;
  private final Timer wait;
  private final Counter timeouts;

  public Admission(int maxRunning, Duration maxWait, MeterRegistry meters) {
    if (maxRunning < 1) {
      throw new IllegalArgumentException("maxRunning must be at least 1");
    }
    this.free = maxRunning;
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
    Gauge.builder(WAITING_METRIC, this, Admission::waiting)
        .description("API requests waiting for a slot to run")
        .register(meters);
  }

  public Duration maxWait() {
    return maxWait;
  }

  /** Requests waiting for a slot now, arriving or back from the gateway. */
  public int waiting() {
    lock.lock();
    try {
      return returning.size() + arriving.size();
    } finally {
      lock.unlock();
    }
  }

  /** Requests holding a slot now. */
  public int running() {
    lock.lock();
    try {
      return maxRunning - free;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes a slot for the current thread, waiting behind everyone already waiting, up to {@link
   * #maxWait}; empty when none came in time. The slot is the caller's to close.
   */
  public Optional<Slot> enter() throws InterruptedException {
    long start = System.nanoTime();
    boolean admitted = take(arriving, maxWait.toNanos());
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
   * again afterwards, ahead of the arrivals. That second wait has no bound: the request holds a
   * gateway's answer that it must finalize, and slots come free as the running requests end.
   * Outside a request (a queue worker, the recovery sweeper) it only runs {@code work}.
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

  /** A thread in one of the lines, until a slot is handed to it. */
  private static final class Waiter {
    private final Condition handed;
    private boolean granted;

    private Waiter(Condition handed) {
      this.handed = handed;
    }
  }

  /**
   * A slot at once if one is free (then no one waits), else a place at the end of {@code line}
   * until one is handed over; {@code nanos} below zero waits without bound and without
   * interruption. False when the time ran out first.
   */
  private boolean take(Deque<Waiter> line, long nanos) throws InterruptedException {
    lock.lock();
    try {
      if (free > 0) {
        free--;
        return true;
      }
      Waiter waiter = new Waiter(lock.newCondition());
      line.addLast(waiter);
      boolean bounded = nanos >= 0;
      long left = nanos;
      while (!waiter.granted) {
        if (!bounded) {
          waiter.handed.awaitUninterruptibly();
        } else if (left <= 0) {
          line.remove(waiter);
          return false;
        } else {
          try {
            left = waiter.handed.awaitNanos(left);
          } catch (InterruptedException e) {
            if (waiter.granted) {
              // Handed over at the same moment: keep it, and keep the interrupt for the caller.
              Thread.currentThread().interrupt();
              return true;
            }
            line.remove(waiter);
            throw e;
          }
        }
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Hands the slot to the first returning waiter, else the first arrival, else frees it. */
  private void release() {
    lock.lock();
    try {
      Waiter next = returning.pollFirst();
      if (next == null) {
        next = arriving.pollFirst();
      }
      if (next == null) {
        free++;
        return;
      }
      next.granted = true;
      next.handed.signal();
    } finally {
      lock.unlock();
    }
  }

  /** One running request's slot: closed (given back for good) when the request ends. */
  public final class Slot implements AutoCloseable {

    private boolean held = true;

    private Slot() {}

    private void giveBack() {
      held = false;
      release();
    }

    private void takeAgain() {
      long start = System.nanoTime();
      try {
        take(returning, -1);
      } catch (InterruptedException e) {
        throw new IllegalStateException("an unbounded wait cannot be interrupted", e);
      }
      wait.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      held = true;
    }

    @Override
    public void close() {
      HELD.remove();
      if (held) {
        held = false;
        release();
      }
    }
  }
}
