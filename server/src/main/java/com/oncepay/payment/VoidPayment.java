package com.oncepay.payment;

import com.oncepay.idempotency.IdempotentRequest;
import com.oncepay.idempotency.IdempotentResponse;
import com.oncepay.merchant.MerchantId;
import com.oncepay.web.Json;
import java.util.Objects;
import org.springframework.stereotype.Service;

/** Releases an authorization that will not be captured; the order is canceled. */
@Service
public class VoidPayment {

  public record Command(MerchantId merchant, PaymentId payment) {
    public Command {
      Objects.requireNonNull(merchant, "merchant");
      Objects.requireNonNull(payment, "payment");
    }
  }

  private final OperationRequests requests;
  private final PaymentClaims claims;
  private final PaymentRepository payments;
  private final OperationRepository operations;

  public VoidPayment(
      OperationRequests requests,
      PaymentClaims claims,
      PaymentRepository payments,
      OperationRepository operations) {
    this.requests = requests;
    this.claims = claims;
    this.payments = payments;
    this.operations = operations;
  }

  public IdempotentResponse voidPayment(IdempotentRequest request, Command command) {
    return requests.run(
        request,
        (recordId, now) -> {
          OperationId operationId = OperationId.random();
          var reserved =
              claims.reserveVoid(command.merchant(), command.payment(), operationId, now);
          if (reserved.isEmpty()) {
            Payment payment =
                PaymentRejections.find(payments, command.merchant(), command.payment());
            PaymentRejections.throwIfBusy(payment);
            if (payment.status() != PaymentStatus.AUTHORIZED) {
              return requests.store(
                  recordId, Json.error(PaymentRejections.invalidState(payment, "voided")));
            }
            throw PaymentRejections.busy(payment);
          }
          Operation voidOperation =
              operations.insert(
                  operationId,
                  command.merchant(),
                  command.payment(),
                  OperationKind.VOID,
                  reserved.get().amountAuthorized(),
                  requests.leaseUntil(now),
                  now);
          return requests.execute(recordId, voidOperation);
        });
  }
}
