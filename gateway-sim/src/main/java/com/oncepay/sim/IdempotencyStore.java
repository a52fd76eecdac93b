package com.oncepay.sim;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The gateway's idempotency records, keyed by Idempotency-Key alone (global, not per path).
 *
 * <p>The first request for a key wins the slot with one atomic {@code putIfAbsent} and becomes its
 * owner; it alone processes. Every concurrent or later request with the same fingerprint waits on
 * the owner's outcome and replays it, so a key is processed at most once however many copies race.
 * An owner whose outcome must not be stored (a simulated 500 before charging, a rejected request)
 * removes the slot before waking its waiters, which then compete for the slot again as if they had
 * arrived after it: one of them processes, the others wait on that one.
 */
final class IdempotencyStore {

  sealed interface Claim {}

  /** This request processes; it must end with {@link #remember} or {@link #forget}. */
  record Owner(String key, Slot slot) implements Claim {}

  /** The key has a stored answer (possibly produced while this request waited). */
  record Replay(Reply reply) implements Claim {}

  /** The key was used with another method, path or body. */
  record Reused() implements Claim {}

  /** The owner has not finished within the wait bound. */
  record InProgress() implements Claim {}

  static final class Slot {
    private final String fingerprint;
    // Completed exactly once: with the stored answer, or empty when nothing was stored.
    private final CompletableFuture<Optional<Reply>> outcome = new CompletableFuture<>();

    private Slot(String fingerprint) {
      this.fingerprint = fingerprint;
    }
  }

  private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

  Claim claim(String key, String fingerprint, Duration maxWait) throws InterruptedException {
    long deadline = System.nanoTime() + maxWait.toNanos();
    while (true) {
      Slot mine = new Slot(fingerprint);
      Slot current = slots.putIfAbsent(key, mine);
      if (current == null) {
        return new Owner(key, mine);
      }
      if (!current.fingerprint.equals(fingerprint)) {
        return new Reused();
      }
      Optional<Reply> stored;
      try {
        stored = current.outcome.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        return new InProgress();
      } catch (ExecutionException e) {
        throw new IllegalStateException("idempotency slots are never completed exceptionally", e);
      }
      if (stored.isPresent()) {
        return new Replay(stored.get());
      }
      // The owner stored nothing and removed its slot: try to become the owner ourselves.
    }
  }

  void remember(Owner owner, Reply reply) {
    owner.slot().outcome.complete(Optional.of(reply));
  }

  void forget(Owner owner) {
    // Remove first, then wake: a woken waiter must not find the dead slot again.
    slots.remove(owner.key(), owner.slot());
    owner.slot().outcome.complete(Optional.empty());
  }

  /** A stored answer recovered from the journal after a restart. */
  void restore(String key, String fingerprint, Reply reply) {
    Slot slot = new Slot(fingerprint);
    slot.outcome.complete(Optional.of(reply));
    slots.put(key, slot);
  }

  void clear() {
    slots.clear();
  }
}
