package com.oncepay.payment.web;

import com.oncepay.payment.model.Operation;
import com.oncepay.payment.model.Payment;
import com.oncepay.payment.model.Refund;
import java.time.OffsetDateTime;

/** A refund as the API shows it: the refund operation, in refund words. */
public record RefundView(
    String id,
    String object,
    String paymentId,
    long amount,
    String currency,
    String status,
    String failureCode,
    OffsetDateTime createdAt) {

  public static RefundView of(Refund of) {
    Operation refund = of.operation();
    Payment payment = of.payment();
    String status =
        switch (refund.status()) {
          case SUCCEEDED -> "succeeded";
          case FAILED -> "failed";
          case PROCESSING, UNKNOWN -> "pending";
        };
    return new RefundView(
        refund.id().refundId(),
        "refund",
        payment.id().toString(),
        refund.amount(),
        payment.amount().currencyCode(),
        status,
        refund.failureCode(),
        refund.createdAt());
  }
}
