package com.oncepay.sim;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Everything a reset clears: the ledger, the idempotency records and the knobs. */
final class SimState {

  private final SimKnobs initialKnobs;
  private final Ledger ledger = new Ledger();
  private final IdempotencyStore idempotency = new IdempotencyStore();
  private final Set<String> keysThatFailedOnce = ConcurrentHashMap.newKeySet();
  private final Knobs knobs;

  SimState(SimKnobs initialKnobs) {
    this.initialKnobs = initialKnobs;
    this.knobs = new Knobs(initialKnobs);
  }

  Ledger ledger() {
    return ledger;
  }

  IdempotencyStore idempotency() {
    return idempotency;
  }

  Set<String> keysThatFailedOnce() {
    return keysThatFailedOnce;
  }

  Knobs knobs() {
    return knobs;
  }

  /**
   * Back to a fresh simulator with the start-up knobs. Requests in flight during a reset finish
   * against the old records; resetting under load is for tests between runs, not during them.
   */
  void reset() {
    idempotency.clear();
    keysThatFailedOnce.clear();
    ledger.clear();
    knobs.replace(initialKnobs);
  }
}
