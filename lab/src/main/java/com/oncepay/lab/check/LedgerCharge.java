package com.oncepay.lab.check;

import java.util.List;

/**
 * One charge in the gateway simulator's ledger ({@code GET /sim/ledger}): the referee's side of
 * every money check. {@code reference} is our payment id, {@code orderReference} our order id.
 */
public record LedgerCharge(
    String id,
    String reference,
    String orderReference,
    long amount,
    String currency,
    String paymentMethod,
    String status,
    long amountCaptured,
    long amountRefunded,
    String idempotencyKey,
    List<Refund> refunds) {

  public LedgerCharge {
    refunds = List.copyOf(refunds);
  }

  /** A refund the gateway paid out. */
  public record Refund(String id, long amount, String idempotencyKey) {}

  /** Declined charges moved no money; everything else did, will, or could. */
  public boolean live() {
    return !status.equals("declined");
  }

  public long refundSum() {
    return refunds.stream().mapToLong(Refund::amount).sum();
  }
}
