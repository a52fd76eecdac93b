package com.oncepay.sim;

import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The current knobs and the dice that decide faults. Knobs and dice are replaced together in one
 * atomic step, so a reader never sees new knobs with an old seed.
 */
final class Knobs {

  private record Current(SimKnobs knobs, Random dice) {}

  private final AtomicReference<Current> current = new AtomicReference<>();

  Knobs(SimKnobs initial) {
    replace(initial);
  }

  SimKnobs get() {
    return current.get().knobs();
  }

  /** Replaces the knobs; a non-null seed restarts the dice so the following decisions repeat. */
  void replace(SimKnobs knobs) {
    Random dice = knobs.seed() == null ? new Random() : new Random(knobs.seed());
    current.set(new Current(knobs, dice));
  }

  /** True with probability {@code rate}; rates of exactly 0 and 1 never consume the dice. */
  boolean roll(double rate) {
    if (rate <= 0.0) {
      return false;
    }
    if (rate >= 1.0) {
      return true;
    }
    return current.get().dice().nextDouble() < rate;
  }

  /** The latency to add to one request: mean ± uniform jitter, never negative. */
  long latencyMs() {
    Current now = current.get();
    long mean = now.knobs().latencyMeanMs();
    long jitter = now.knobs().latencyJitterMs();
    long delay = jitter == 0 ? mean : mean - jitter + now.dice().nextLong(2 * jitter + 1);
    return Math.max(0, delay);
  }

  /** The dice, for decisions that are not a plain rate (such as reordering webhooks). */
  Random dice() {
    return current.get().dice();
  }
}
