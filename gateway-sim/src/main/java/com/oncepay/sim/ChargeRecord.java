package com.oncepay.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The mutable state of one charge. Every read and change holds the charge's own lock, so two
 * concurrent refunds cannot both pass the amount check and a capture and a void cannot both win:
 * the simulator is the referee other tests check against, so it must never lose an update itself.
 */
final class ChargeRecord {

  static final String DECLINE_CODE = "card_declined";

  /** What a state change did: applied it, or refused it with an error that is still stored. */
  sealed interface Change<T> {
    record Applied<T>(T value) implements Change<T> {}

    record Refused<T>(ApiError error) implements Change<T> {}
  }

  /** A state change announced by webhook, with the charge as it was right after it. */
  record Event(String type, Charge charge) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final long sequence;
  private final String id;
  private final String reference;
  private final String orderReference;
  private final long amount;
  private final String currency;
  private final PaymentMethod method;
  private final boolean captureRequested;
  private final String idempotencyKey;
  private final long created;
  private final Journal journal;

  private ChargeStatus status;
  private long amountCaptured;
  private long amountRefunded;
  private String declineCode;
  private final List<LedgerRefund> refunds = new ArrayList<>();

  ChargeRecord(
      long sequence,
      String id,
      NewCharge request,
      String idempotencyKey,
      long created,
      Journal journal) {
    this.journal = journal;
    this.sequence = sequence;
    this.id = id;
    this.reference = request.reference();
    this.orderReference = request.orderReference();
    this.amount = request.amount();
    this.currency = request.currency();
    this.method = request.method();
    this.captureRequested = request.capture();
    this.idempotencyKey = idempotencyKey;
    this.created = created;
    if (method == PaymentMethod.PM_DECLINED) {
      status = ChargeStatus.DECLINED;
      declineCode = DECLINE_CODE;
    } else if (method.isAsync()) {
      status = ChargeStatus.PENDING;
    } else {
      settleApproved();
    }
  }

  long sequence() {
    return sequence;
  }

  String id() {
    return id;
  }

  String reference() {
    return reference;
  }

  Charge snapshot() {
    lock.lock();
    try {
      return snapshotLocked();
    } finally {
      lock.unlock();
    }
  }

  LedgerEntry ledgerEntry() {
    lock.lock();
    try {
      return new LedgerEntry(snapshotLocked(), idempotencyKey, refunds);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Captures {@code requested} (default: everything); the rest of the authorization lapses. {@code
   * key} and {@code fingerprint} are the request's, journaled with the change so a restart can
   * replay its answer.
   */
  Change<Charge> capture(OptionalLong requested, String key, String fingerprint) {
    lock.lock();
    try {
      if (status != ChargeStatus.AUTHORIZED) {
        return refusedState("captured");
      }
      long toCapture = requested.orElse(amount);
      if (toCapture > amount) {
        return new Change.Refused<>(
            new ApiError(
                422,
                "amount_exceeds_authorized",
                "cannot capture " + toCapture + ", authorized " + amount));
      }
      status = ChargeStatus.CAPTURED;
      amountCaptured = toCapture;
      journal(change("capture", key, fingerprint).put("amount", toCapture));
      return new Change.Applied<>(snapshotLocked());
    } finally {
      lock.unlock();
    }
  }

  Change<Charge> voidAuthorization(String key, String fingerprint) {
    lock.lock();
    try {
      if (status != ChargeStatus.AUTHORIZED) {
        return refusedState("voided");
      }
      status = ChargeStatus.VOIDED;
      journal(change("void", key, fingerprint));
      return new Change.Applied<>(snapshotLocked());
    } finally {
      lock.unlock();
    }
  }

  Change<Refund> refund(long requested, String refundId, String refundKey, String fingerprint) {
    lock.lock();
    try {
      if (status != ChargeStatus.CAPTURED && status != ChargeStatus.PARTIALLY_REFUNDED) {
        return refusedState("refunded");
      }
      // Subtraction instead of amountRefunded + requested: no overflow for absurd amounts.
      if (requested > amountCaptured - amountRefunded) {
        return new Change.Refused<>(
            new ApiError(
                422,
                "amount_exceeds_captured",
                "cannot refund "
                    + requested
                    + ", captured "
                    + amountCaptured
                    + ", already refunded "
                    + amountRefunded));
      }
      amountRefunded += requested;
      status =
          amountRefunded == amountCaptured
              ? ChargeStatus.REFUNDED
              : ChargeStatus.PARTIALLY_REFUNDED;
      refunds.add(new LedgerRefund(refundId, requested, refundKey));
      journal(
          change("refund", refundKey, fingerprint)
              .put("amount", requested)
              .put("refund_id", refundId));
      return new Change.Applied<>(new Refund(refundId, id, requested));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Settles a pending async charge and returns the events to announce, in causal order; none if the
   * charge was not pending (settled already).
   */
  List<Event> settle() {
    lock.lock();
    try {
      if (status != ChargeStatus.PENDING) {
        return List.of();
      }
      journal(Json.object().put("op", "settle").put("id", id));
      if (method == PaymentMethod.PM_ASYNC_DECLINED) {
        status = ChargeStatus.DECLINED;
        declineCode = DECLINE_CODE;
        return List.of(new Event("charge.failed", snapshotLocked()));
      }
      var events = new ArrayList<Event>();
      status = ChargeStatus.AUTHORIZED;
      events.add(new Event("charge.authorized", snapshotLocked()));
      if (captureRequested) {
        settleApproved();
        events.add(new Event("charge.captured", snapshotLocked()));
      }
      return events;
    } finally {
      lock.unlock();
    }
  }

  /** Whether the charge still waits for its async settlement (after a restart, too). */
  boolean pending() {
    lock.lock();
    try {
      return status == ChargeStatus.PENDING;
    } finally {
      lock.unlock();
    }
  }

  /** The journal entry of a charge's creation, written before anyone else can see the charge. */
  tools.jackson.databind.node.ObjectNode creation(String fingerprint, NewCharge request) {
    var entry = Json.object().put("op", "charge").put("seq", sequence).put("id", id);
    entry.put("key", idempotencyKey).put("fingerprint", fingerprint).put("created", created);
    entry.put("amount", request.amount()).put("currency", request.currency());
    entry.put("method", request.method().wireName()).put("capture", request.capture());
    entry.put("reference", request.reference()).put("order_reference", request.orderReference());
    return entry;
  }

  private tools.jackson.databind.node.ObjectNode change(String op, String key, String fingerprint) {
    return Json.object()
        .put("op", op)
        .put("id", id)
        .put("key", key)
        .put("fingerprint", fingerprint);
  }

  /** Inside the charge's lock: the journal's order of changes to one charge is the real order. */
  private void journal(tools.jackson.databind.node.ObjectNode entry) {
    journal.append(entry);
  }

  private void settleApproved() {
    if (captureRequested) {
      status = ChargeStatus.CAPTURED;
      amountCaptured = amount;
    } else {
      status = ChargeStatus.AUTHORIZED;
    }
  }

  private <T> Change<T> refusedState(String verb) {
    return new Change.Refused<>(
        ApiError.invalidState(
            "charge " + id + " is " + status.wireName() + " and cannot be " + verb));
  }

  private Charge snapshotLocked() {
    return new Charge(
        id,
        reference,
        orderReference,
        amount,
        currency,
        method.wireName(),
        status,
        amountCaptured,
        amountRefunded,
        declineCode,
        created);
  }
}
