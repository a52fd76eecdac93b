package com.oncepay.lab.check;

/**
 * A payment as one answer of the API showed it. {@code seenIn} says which answer, so that an
 * anomaly can point at the request that showed the bad state.
 */
public record PaymentSnapshot(
    String id,
    String orderId,
    String status,
    long amount,
    String currency,
    long amountAuthorized,
    long amountCaptured,
    long amountRefunded,
    long amountRefundPending,
    String paymentMethod,
    String captureMethod,
    String pendingOperation,
    String gatewayChargeId,
    long version,
    String seenIn) {

  /** Nothing in flight: not processing or unknown, no pending operation, no refund reserved. */
  public boolean settled() {
    return !status.equals("processing")
        && !status.equals("unknown")
        && pendingOperation == null
        && amountRefundPending == 0;
  }

  /** Whether the payment moved, or may still move, money (anything but a definite decline). */
  public boolean live() {
    return !status.equals("failed");
  }
}
