package com.oncepay.payment.application;

import com.oncepay.error.ErrorCode;
import com.oncepay.error.Rejection;
import com.oncepay.payment.application.PaymentRequests.Claimed;
import com.oncepay.payment.claims.ConcurrencyStrategy;
import com.oncepay.payment.model.OperationId;
import com.oncepay.payment.model.OperationKind;
import com.oncepay.payment.model.Payment;
import com.oncepay.payment.model.PaymentEvent;
import com.oncepay.payment.model.PaymentStateMachine;
import com.oncepay.payment.model.PaymentStatus;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/** Refunds captured money, fully, partly, or in several refunds that may run concurrently. */
@Service
public final class RefundPayment extends OperationUseCase {

  private static final Set<PaymentStatus> REFUNDABLE =
      PaymentStateMachine.TABLE.sources(PaymentEvent.PARTIALLY_REFUNDED);

  RefundPayment(PaymentRequests requests, ConcurrencyStrategy strategy) {
    super(requests, strategy);
  }

  @Override
  Claimed claim(OperationCommand command, OffsetDateTime now) {
    long amount =
        command.amount() != null ? command.amount() : requests.payment(command).refundable();
    Optional<Payment> reserved =
        amount > 0
            ? strategy.reserveRefund(command.merchant(), command.payment(), amount, now)
            : Optional.empty();
    if (reserved.isEmpty()) {
      return new Claimed.Refused(rejected(command, amount));
    }
    return requests.run(
        OperationId.random(), command, OperationKind.REFUND, amount, reserved.get(), now);
  }

  private Rejection rejected(OperationCommand command, long amount) {
    Payment payment = requests.payment(command);
    if (!REFUNDABLE.contains(payment.status())) {
      return Rejections.invalidState(payment, "refunded");
    }
    if (amount > 0 && payment.refundable() >= amount) {
      // The amount fits: the claim lost to concurrent writers (optimistic strategy), not the limit.
      throw Rejections.busy(payment);
    }
    return new Rejection(
        ErrorCode.AMOUNT_EXCEEDS_CAPTURED,
        "Refund of "
            + amount
            + " exceeds the "
            + Math.max(0, payment.refundable())
            + " still refundable on "
            + payment.id()
            + " (refunds in flight count as spent).",
        "amount");
  }
}
