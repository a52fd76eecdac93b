package com.oncepay.sim;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/** Everything a reset clears: the ledger, the idempotency records and the knobs. */
final class SimState {

  private final SimKnobs initialKnobs;
  private final Journal journal;
  private final Ledger ledger;
  private final IdempotencyStore idempotency = new IdempotencyStore();
  private final Set<String> keysThatFailedOnce = ConcurrentHashMap.newKeySet();
  private final Knobs knobs;

  SimState(SimKnobs initialKnobs, Journal journal) {
    this.initialKnobs = initialKnobs;
    this.journal = journal;
    this.ledger = new Ledger(journal);
    this.knobs = new Knobs(initialKnobs);
  }

  Journal journal() {
    return journal;
  }

  /**
   * Applies what the journal held at start-up, oldest first: the charges with their ids, their
   * changes in their real order, the answers stored for their keys, the keys whose {@code
   * pm_error_then_ok} first try already failed.
   *
   * @return the charges still waiting for their async settlement, to be scheduled again
   */
  List<ChargeRecord> recover() {
    journal.replaying(true);
    try {
      for (JsonNode entry : journal.recovered()) {
        apply(entry);
      }
    } finally {
      journal.replaying(false);
    }
    return ledger.all().stream().filter(ChargeRecord::pending).toList();
  }

  private void apply(JsonNode e) {
    String op = e.path("op").asString();
    if (op.equals("failed_once")) {
      keysThatFailedOnce.add(e.path("key").asString());
      return;
    }
    if (op.equals("charge")) {
      NewCharge request =
          new NewCharge(
              e.path("amount").asLong(),
              e.path("currency").asString(),
              PaymentMethod.fromWire(e.path("method").asString()).orElseThrow(),
              e.path("capture").asBoolean(),
              e.path("reference").asString(),
              e.path("order_reference").asString(null));
      ChargeRecord record =
          ledger.restore(
              e.path("seq").asLong(),
              e.path("id").asString(),
              request,
              e.path("key").asString(),
              e.path("created").asLong());
      idempotency.restore(
          e.path("key").asString(),
          e.path("fingerprint").asString(),
          ChargeCommands.createdReply(request.method(), record.snapshot()));
      return;
    }
    ChargeRecord record = ledger.find(e.path("id").asString()).orElseThrow();
    String key = e.path("key").asString(null);
    String fingerprint = e.path("fingerprint").asString(null);
    switch (op) {
      case "capture" ->
          restore(
              key,
              fingerprint,
              record.capture(OptionalLong.of(e.path("amount").asLong()), key, fingerprint),
              200);
      case "void" -> restore(key, fingerprint, record.voidAuthorization(key, fingerprint), 200);
      case "refund" ->
          restore(
              key,
              fingerprint,
              record.refund(
                  e.path("amount").asLong(), e.path("refund_id").asString(), key, fingerprint),
              201);
      case "settle" -> record.settle();
      default -> throw new IllegalStateException("unknown journal entry " + e);
    }
  }

  private <T> void restore(
      String key, String fingerprint, ChargeRecord.Change<T> change, int status) {
    if (change instanceof ChargeRecord.Change.Applied<T>(T value)) {
      idempotency.restore(key, fingerprint, Reply.json(status, value));
    } else {
      throw new IllegalStateException("the journal replays a change the ledger refuses: " + change);
    }
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
