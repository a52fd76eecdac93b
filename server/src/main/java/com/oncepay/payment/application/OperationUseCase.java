package com.oncepay.payment.application;

import com.oncepay.idempotency.Answered;
import com.oncepay.idempotency.IdempotentRequest;
import com.oncepay.payment.application.PaymentRequests.Claimed;
import com.oncepay.payment.claims.ConcurrencyStrategy;
import java.time.OffsetDateTime;

/**
 * What capture, void and refund share: an idempotent request on an existing payment whose claim is
 * one strategy call. Each use case supplies only its claim; {@link PaymentRequests} runs the phases
 * around it.
 */
public abstract sealed class OperationUseCase permits CapturePayment, VoidPayment, RefundPayment {

  final PaymentRequests requests;
  final ConcurrencyStrategy strategy;

  OperationUseCase(PaymentRequests requests, ConcurrencyStrategy strategy) {
    this.requests = requests;
    this.strategy = strategy;
  }

  public final Answered<PaymentOutcome> run(IdempotentRequest request, OperationCommand command) {
    return requests.run(request, now -> claim(command, now));
  }

  /** Inside the claim transaction: reserve the payment and start the operation, or refuse. */
  abstract Claimed claim(OperationCommand command, OffsetDateTime now);
}
