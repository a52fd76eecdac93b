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
import com.oncepay.payment.model.PaymentStatus;
import com.oncepay.payment.store.OperationRepository;
import com.oncepay.payment.store.PaymentRepository;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Service;

/** Captures an authorized payment, fully or partly (the rest of the authorization is released). */
@Service
public class CapturePayment {

  private final PaymentRequests requests;
  private final ConcurrencyStrategy strategy;
  private final PaymentRepository payments;
  private final OperationRepository operations;

  CapturePayment(
      PaymentRequests requests,
      ConcurrencyStrategy strategy,
      PaymentRepository payments,
      OperationRepository operations) {
    this.requests = requests;
    this.strategy = strategy;
    this.payments = payments;
    this.operations = operations;
  }

  public Answered<PaymentOutcome> capture(IdempotentRequest request, OperationCommand command) {
    return requests.run(request, now -> claim(command, now));
  }

  private Claimed claim(OperationCommand command, OffsetDateTime now) {
    // Only "capture the rest" needs a read first; the guarded write decides either way.
    long amount = command.amount() != null ? command.amount() : rest(command);
    OperationId id = OperationId.random();
    boolean reserved =
        amount > 0
            && strategy
                .reserveCapture(command.merchant(), command.payment(), id, amount, now)
                .isPresent();
    if (!reserved) {
      return new Claimed.Refused(rejected(command, amount));
    }
    return new Claimed.Run(
        operations.insert(
            id,
            command.merchant(),
            command.payment(),
            OperationKind.CAPTURE,
            amount,
            requests.leaseUntil(now),
            now));
  }

  private long rest(OperationCommand command) {
    Payment current = Rejections.find(payments, command.merchant(), command.payment());
    return current.amountAuthorized() - current.amountCaptured();
  }

  private Rejection rejected(OperationCommand command, long amount) {
    Payment payment = Rejections.find(payments, command.merchant(), command.payment());
    Rejections.throwIfBusy(payment);
    if (payment.status() != PaymentStatus.AUTHORIZED) {
      return Rejections.invalidState(payment, "captured");
    }
    if (amount <= 0 || payment.amountCaptured() + amount > payment.amountAuthorized()) {
      return new Rejection(
          ErrorCode.AMOUNT_EXCEEDS_AUTHORIZED,
          "Capture of "
              + amount
              + " exceeds the "
              + (payment.amountAuthorized() - payment.amountCaptured())
              + " authorized on "
              + payment.id()
              + ".",
          "amount");
    }
    throw Rejections.busy(payment);
  }
}
