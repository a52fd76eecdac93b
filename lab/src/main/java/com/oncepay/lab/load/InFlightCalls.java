package com.oncepay.lab.load;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shop calls that have been sent and have not ended yet, each with the order or payment it acts
 * on: what the chaos scenario snapshots at a fault, to time how long the operations that existed
 * then take to become definite.
 */
public final class InFlightCalls {

  /** How a call ended. */
  public enum Outcome {
    /** Still running. */
    RUNNING,
    /** A definite answer: success, or a refusal that retrying would not change. */
    DEFINITE,
    /** The retrying client gave up (no answer, or still busy or unavailable): outcome unknown. */
    GAVE_UP
  }

  /**
   * One call; {@code target} is the order or payment id it acts on, or null before one exists (a
   * place-order).
   */
  public static final class Call {
    private final String operation;
    private final String target;
    private final long startNanos;
    private volatile long endNanos;
    private volatile Outcome outcome = Outcome.RUNNING;

    Call(String operation, String target, long startNanos) {
      this.operation = operation;
      this.target = target;
      this.startNanos = startNanos;
    }

    public String operation() {
      return operation;
    }

    public String target() {
      return target;
    }

    public long startNanos() {
      return startNanos;
    }

    /** When it ended ({@link System#nanoTime()}), 0 while running. */
    public long endNanos() {
      return endNanos;
    }

    public Outcome outcome() {
      return outcome;
    }
  }

  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, Call> running = new ConcurrentHashMap<>();
  private final AtomicLong gaveUp = new AtomicLong();

  /** Registers a call as it starts; pass the returned id to {@link #end}. */
  public long begin(String operation, String target) {
    long id = ids.incrementAndGet();
    running.put(id, new Call(operation, target, System.nanoTime()));
    return id;
  }

  public void end(long id, Outcome outcome) {
    Call call = running.remove(id);
    if (call != null) {
      call.endNanos = System.nanoTime();
      call.outcome = outcome;
      if (outcome == Outcome.GAVE_UP) {
        gaveUp.incrementAndGet();
      }
    }
  }

  /** The calls running now; they keep updating as they end. */
  public List<Call> snapshot() {
    return List.copyOf(running.values());
  }

  /** Calls whose client gave up: accepted work a shop would have had to pick up by hand. */
  public long gaveUp() {
    return gaveUp.get();
  }
}
