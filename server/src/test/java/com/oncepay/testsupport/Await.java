package com.oncepay.testsupport;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Waits for a condition under a hard deadline, checking every few milliseconds. */
public final class Await {

  private Await() {}

  public static <T> T until(
      Duration deadline, String what, Supplier<T> probe, java.util.function.Predicate<T> done) {
    long end = System.nanoTime() + deadline.toNanos();
    T last = probe.get();
    while (!done.test(last)) {
      if (System.nanoTime() > end) {
        throw new AssertionError(
            "timed out after " + deadline + " waiting for " + what + "; last: " + last);
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      last = probe.get();
    }
    return last;
  }

  public static void until(Duration deadline, String what, Supplier<Boolean> condition) {
    until(deadline, what, condition, Boolean::booleanValue);
  }
}
