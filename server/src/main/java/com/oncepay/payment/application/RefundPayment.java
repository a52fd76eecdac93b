package com.oncepay.payment.application;

import com.oncepay.error.ErrorCode;
import com.oncepay.error.Rejection;
import com.oncepay.idempotency.Answered;
import com.oncepay.idempotency.IdempotentRequest;
import com.oncepay.payment.application.PaymentRequests.Claimed;
import com.oncepay.payment.claims.ConcurrencyStrategy;
import com.oncepay.payment.model.OperationId;
import com.oncepay.payment.model.OperationKind;
import com.oncepay.payment.model.Payment;
import com.oncepay.payment.model.PaymentEvent;
import com.oncepay.payment.model.PaymentStateMachine;
import com.oncepay.payment.model.PaymentStatus;
import com.oncepay.payment.store.OperationRepository;
import com.oncepay.payment.store.PaymentRepository;
import java.time.OffsetDateTime;
import java.util.Set;
import org.springframework.stereotype.Service;

/** Refunds captured money, fully, partly, or in several refunds that may run concurrently. */
@Service
public class RefundPayment {

  private static final Set<PaymentStatus> REFUNDABLE =
      PaymentStateMachine.TABLE.sources(PaymentEvent.PARTIALLY_REFUNDED);

  private final PaymentRequests requests;
  private final ConcurrencyStrategy strategy;
  private final PaymentRepository payments;
  private final OperationRepository operations;

  RefundPayment(
      PaymentRequests requests,
      ConcurrencyStrategy strategy,
      PaymentRepository payments,
      OperationRepository operations) {
    this.requests = requests;
    this.strategy = strategy;
    this.payments = payments;
    this.operations = operations;
  }

  public Answered<PaymentOutcome> refund(IdempotentRequest request, OperationCommand command) {
    return requests.run(request, now -> claim(command, now));
  }

  private Claimed claim(OperationCommand command, OffsetDateTime now) {
    long amount =
        command.amount() != null
            ? command.amount()
            : Rejections.find(payments, command.merchant(), command.payment()).refundable();
    boolean reserved =
        amount > 0
            && strategy
                .reserveRefund(command.merchant(), command.payment(), amount, now)
                .isPresent();
    if (!reserved) {
      return new Claimed.Refused(rejected(command, amount));
    }
    return new Claimed.Run(
        operations.insert(
            OperationId.random(),
            command.merchant(),
            command.payment(),
            OperationKind.REFUND,
            amount,
            requests.leaseUntil(now),
            now));
  }

  private Rejection rejected(OperationCommand command, long amount) {
    Payment payment = Rejections.find(payments, command.merchant(), command.payment());
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
