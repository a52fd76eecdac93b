package com.oncepay.payment.application;

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

/** Releases an authorization that will not be captured; the order is canceled. */
@Service
public class VoidPayment {

  private final PaymentRequests requests;
  private final ConcurrencyStrategy strategy;
  private final PaymentRepository payments;
  private final OperationRepository operations;

  VoidPayment(
      PaymentRequests requests,
      ConcurrencyStrategy strategy,
      PaymentRepository payments,
      OperationRepository operations) {
    this.requests = requests;
    this.strategy = strategy;
    this.payments = payments;
    this.operations = operations;
  }

  public Answered<PaymentOutcome> voidPayment(IdempotentRequest request, OperationCommand command) {
    return requests.run(request, now -> claim(command, now));
  }

  private Claimed claim(OperationCommand command, OffsetDateTime now) {
    OperationId id = OperationId.random();
    var reserved = strategy.reserveVoid(command.merchant(), command.payment(), id, now);
    if (reserved.isEmpty()) {
      Payment payment = Rejections.find(payments, command.merchant(), command.payment());
      Rejections.throwIfBusy(payment);
      if (payment.status() != PaymentStatus.AUTHORIZED) {
        return new Claimed.Refused(Rejections.invalidState(payment, "voided"));
      }
      throw Rejections.busy(payment);
    }
    return new Claimed.Run(
        operations.insert(
            id,
            command.merchant(),
            command.payment(),
            OperationKind.VOID,
            reserved.get().amountAuthorized(),
            requests.leaseUntil(now),
            now));
  }
}
