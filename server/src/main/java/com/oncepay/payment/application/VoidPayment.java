package com.oncepay.payment.application;

import com.oncepay.payment.application.PaymentRequests.Claimed;
import com.oncepay.payment.claims.ConcurrencyStrategy;
import com.oncepay.payment.model.OperationId;
import com.oncepay.payment.model.OperationKind;
import com.oncepay.payment.model.Payment;
import com.oncepay.payment.model.PaymentStatus;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Service;

/** Releases an authorization that will not be captured; the order is canceled. */
@Service
public final class VoidPayment extends OperationUseCase {

  VoidPayment(PaymentRequests requests, ConcurrencyStrategy strategy) {
    super(requests, strategy);
  }

  @Override
  Claimed claim(OperationCommand command, OffsetDateTime now) {
    OperationId id = OperationId.random();
    var reserved = strategy.reserveVoid(command.merchant(), command.payment(), id, now);
    if (reserved.isEmpty()) {
      Payment payment = requests.payment(command);
      Rejections.throwIfBusy(payment);
      if (payment.status() != PaymentStatus.AUTHORIZED) {
        return new Claimed.Refused(Rejections.invalidState(payment, "voided"));
      }
      throw Rejections.busy(payment);
    }
    return requests.run(
        id, command, OperationKind.VOID, reserved.get().amountAuthorized(), reserved.get(), now);
  }
}
