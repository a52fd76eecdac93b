package com.oncepay.payment.claims;

import com.oncepay.payment.model.Payment;
import com.oncepay.payment.model.PaymentEvent;
import com.oncepay.payment.model.PaymentStateMachine;

/**
 * The rules of the guarded payment writes, restated in Java for the strategies that decide on a
 * read ({@code optimistic}, which then writes only if nothing changed, and {@code unsafe-naive},
 * which does not check). Taken from the same transition table as the SQL guards.
 */
final class Decisions {

  private Decisions() {}

  /** A capture ({@code amount} > 0) or a void ({@code amount} 0) may start. */
  static boolean mayStartPending(Payment payment, long amount) {
    return PaymentStateMachine.TABLE.next(payment.status(), PaymentEvent.CAPTURED).isPresent()
        && payment.pendingOperation() == null
        && payment.amountCaptured() + amount <= payment.amountAuthorized();
  }

  static boolean mayRefund(Payment payment, long amount) {
    return PaymentStateMachine.TABLE
            .next(payment.status(), PaymentEvent.PARTIALLY_REFUNDED)
            .isPresent()
        && payment.refundable() >= amount;
  }
}
