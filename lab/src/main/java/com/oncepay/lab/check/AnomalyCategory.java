package com.oncepay.lab.check;

/**
 * What the race lab can catch, one constant per field of the report's {@code anomalies} object
 * (CONTRACT.md). Each names the invariant of DESIGN.md it guards.
 */
public enum AnomalyCategory {
  DUPLICATE_ORDERS("duplicate_orders", 1, "two orders for one cart"),
  DUPLICATE_CHARGES("duplicate_charges", 2, "more than one live charge or payment for one order"),
  LOST_UPDATES(
      "lost_updates",
      7,
      "a recorded amount or status disagrees with what accepted answers imply, or moved backwards"),
  OVER_CAPTURE("over_capture", 3, "captured more than authorized (here or at the gateway)"),
  OVER_REFUND("over_refund", 3, "refunded more than captured (here or at the gateway)"),
  STUCK_OPERATIONS("stuck_operations", 5, "still processing or unknown after the settle wait"),
  REPLAY_MISMATCHES(
      "replay_mismatches", 4, "same key answered differently, or the same key accepted twice"),
  STATE_MISMATCHES("state_mismatches", 3, "our status or amounts differ from the gateway ledger"),
  DUPLICATE_EVENTS(
      "duplicate_events",
      6,
      "one side effect published under two event ids, one event id with two bodies, or an event"
          + " for a change that did not happen"),
  LOST_EVENTS("lost_events", 6, "an event the final state calls for never reached the endpoint");

  private final String key;
  private final int invariant;
  private final String meaning;

  AnomalyCategory(String key, int invariant, String meaning) {
    this.key = key;
    this.invariant = invariant;
    this.meaning = meaning;
  }

  /** The field name in the JSON report. */
  public String key() {
    return key;
  }

  /** The number of the invariant in DESIGN.md that this category guards. */
  public int invariant() {
    return invariant;
  }

  public String meaning() {
    return meaning;
  }

  /** Checked only when the lab receives the merchant webhooks; otherwise "not checked". */
  public boolean needsEvents() {
    return invariant == 6;
  }
}
