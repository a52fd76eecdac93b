package com.oncepay.sim;

import java.time.Duration;

/**
 * Runs a POST under {@code /v1} through the gateway's idempotency and fault knobs:
 *
 * <ol>
 *   <li>no Idempotency-Key → 400, nothing happens;
 *   <li>{@code error_rate} → 500 before anything is looked at (a front-end failure: nothing
 *       charged, nothing stored, a retry is a fresh request);
 *   <li>claim the key: reused with another request → 422; already answered or answered while we
 *       waited → replay; otherwise this request processes, exactly once per key;
 *   <li>after the answer is stored: {@code error_after_rate} → 500 anyway, {@code timeout_rate}
 *       (and {@code pm_timeout_after_charge}) → hang before answering. Both model "charged, but the
 *       client never heard", which only a retry with the same key can resolve.
 * </ol>
 */
final class IdempotentPosts {

  /** How long a duplicate waits for the first request with its key before giving up. */
  static final Duration MAX_WAIT_FOR_FIRST = Duration.ofSeconds(60);

  @FunctionalInterface
  interface Command {
    Outcome run(ApiRequest request) throws InterruptedException;
  }

  private final IdempotencyStore store;
  private final Knobs knobs;

  IdempotentPosts(IdempotencyStore store, Knobs knobs) {
    this.store = store;
    this.knobs = knobs;
  }

  Reply handle(ApiRequest request, Command command) throws InterruptedException {
    String key = request.idempotencyKey();
    if (key == null) {
      return new ApiError(
              400, "idempotency_key_missing", "every POST under /v1 needs an Idempotency-Key")
          .reply();
    }
    if (knobs.roll(knobs.get().errorRate())) {
      return ApiError.gatewayError().reply();
    }
    return switch (store.claim(key, request.fingerprint(), MAX_WAIT_FOR_FIRST)) {
      case IdempotencyStore.Reused reused ->
          new ApiError(
                  422,
                  "idempotency_key_reused",
                  "Idempotency-Key " + key + " was used with another method, path or body")
              .reply();
      case IdempotencyStore.InProgress inProgress ->
          new ApiError(
                  409,
                  "idempotency_key_in_use",
                  "the first request with Idempotency-Key " + key + " is still in progress")
              .reply();
      case IdempotencyStore.Replay replay -> replay.reply().replayed();
      case IdempotencyStore.Owner owner -> process(owner, request, command);
    };
  }

  private Reply process(IdempotencyStore.Owner owner, ApiRequest request, Command command)
      throws InterruptedException {
    Outcome outcome;
    boolean settled = false;
    try {
      try {
        outcome = command.run(request);
      } catch (Rejection rejection) {
        outcome = Outcome.notRemembered(rejection.error().reply());
      }
      if (outcome.remember()) {
        store.remember(owner, outcome.reply());
      } else {
        store.forget(owner);
      }
      settled = true;
    } finally {
      // Whatever went wrong (a bug, an interrupt on close), waiters must not wait for nothing.
      if (!settled) {
        store.forget(owner);
      }
    }
    if (!outcome.remember()) {
      return outcome.reply();
    }
    SimKnobs now = knobs.get();
    if (knobs.roll(now.errorAfterRate())) {
      return ApiError.gatewayError().reply();
    }
    long hangMs = outcome.hangMs();
    if (knobs.roll(now.timeoutRate())) {
      hangMs = Math.max(hangMs, now.hangMs());
    }
    if (hangMs > 0) {
      Thread.sleep(hangMs);
    }
    return outcome.reply();
  }
}
