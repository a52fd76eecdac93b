package com.oncepay.payment.web;

import com.oncepay.payment.model.Payment;
import java.time.OffsetDateTime;

/** A payment as the API shows it. Field order is fixed: stored responses replay byte for byte. */
public record PaymentView(
    String id,
    String object,
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
    String declineCode,
    String pendingOperation,
    String gatewayChargeId,
    long version,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  public static PaymentView of(Payment p) {
    return new PaymentView(
        p.id().toString(),
        "payment",
        p.orderId().toString(),
        p.status().dbName(),
        p.amount().minor(),
        p.amount().currencyCode(),
        p.amountAuthorized(),
        p.amountCaptured(),
        p.amountRefunded(),
        p.amountRefundPending(),
        p.paymentMethod(),
        p.captureMethod().dbName(),
        p.declineCode(),
        p.pendingOperation() == null ? null : p.pendingOperation().toString(),
        p.gatewayChargeId(),
        p.version(),
        p.createdAt(),
        p.updatedAt());
  }
}
