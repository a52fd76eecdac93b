package com.oncepay.outbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a failed job again, as data: exponential backoff from {@code initial} by {@code
 * multiplier}, capped at {@code max}, with "equal jitter" (half fixed, half random) so retries of
 * many jobs that failed together spread out; after {@code maxAttempts} the job is dead-lettered.
 */
public record RetryPolicy(Duration initial, double multiplier, Duration max, int maxAttempts) {

  public RetryPolicy {
    if (initial.isNegative() || initial.isZero() || multiplier < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException("invalid retry policy " + initial + " x" + multiplier);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("retry max " + max + " is below initial " + initial);
    }
  }

  public boolean exhausted(int attempt) {
    return attempt >= maxAttempts;
  }

  /** The delay before the attempt after {@code attempt} (1-based). */
  public Duration delayAfter(int attempt) {
    double raw = initial.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
    long capped = (long) Math.min(raw, max.toMillis());
    long half = capped / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
  }
}
