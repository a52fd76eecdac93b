package com.oncepay.payment.application;

import com.oncepay.error.ErrorCode;
import com.oncepay.error.Rejection;
import com.oncepay.payment.application.PaymentRequests.Claimed;
import com.oncepay.payment.claims.ConcurrencyStrategy;
import com.oncepay.payment.model.OperationId;
import com.oncepay.payment.model.OperationKind;
import com.oncepay.payment.model.Payment;
import com.oncepay.payment.model.PaymentStatus;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Captures an authorized payment, fully or partly (the rest of the authorization is released). */
@Service
public final class CapturePayment extends OperationUseCase {

  CapturePayment(PaymentRequests requests, ConcurrencyStrategy strategy) {
    super(requests, strategy);
  }

  @Override
  Claimed claim(OperationCommand command, OffsetDateTime now) {
    // Only "capture the rest" needs a read first; the guarded write decides either way.
    long amount = command.amount() != null ? command.amount() : rest(command);
    OperationId id = OperationId.random();
    Optional<Payment> reserved =
        amount > 0
            ? strategy.reserveCapture(command.merchant(), command.payment(), id, amount, now)
            : Optional.empty();
    if (reserved.isEmpty()) {
      return new Claimed.Refused(rejected(command, amount));
    }
    return requests.run(id, command, OperationKind.CAPTURE, amount, reserved.get(), now);
  }

  private long rest(OperationCommand command) {
    Payment current = requests.payment(command);
    return current.amountAuthorized() - current.amountCaptured();
  }

  private Rejection rejected(OperationCommand command, long amount) {
    Payment payment = requests.payment(command);
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
