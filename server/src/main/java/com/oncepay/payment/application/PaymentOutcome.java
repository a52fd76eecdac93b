package com.oncepay.payment.application;

import com.oncepay.error.Rejection;
import com.oncepay.payment.model.Operation;
import com.oncepay.payment.model.OperationStatus;
import com.oncepay.payment.model.Payment;

/**
 * How a payment request (pay, capture, void, refund) ended, for the web edge to render. Every
 * variant is a definite answer for its idempotency key; transient refusals (busy, saturated) are
 * thrown instead, so they roll back and leave the key free for the retry.
 */
public sealed interface PaymentOutcome {

  /**
   * The request's gateway operation as it stands: settled (succeeded or failed at the gateway) or
   * still open (unknown, or pending at the gateway), with the payment after it.
   */
  record Ran(Operation operation, Payment payment) implements PaymentOutcome {
    public boolean settled() {
      return operation.status().settled();
    }

    public boolean failed() {
      return operation.status() == OperationStatus.FAILED;
    }
  }

  /** Accepted and queued for a worker (an async payment); it says "processing" now. */
  record Queued(Payment payment) implements PaymentOutcome {}

  /** Refused before any gateway call: the order or payment does not allow it. */
  record Rejected(Rejection rejection) implements PaymentOutcome {}
}
