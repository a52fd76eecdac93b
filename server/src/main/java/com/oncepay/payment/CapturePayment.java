package com.oncepay.payment;

import com.oncepay.idempotency.IdempotentRequest;
import com.oncepay.idempotency.IdempotentResponse;
import com.oncepay.merchant.MerchantId;
import com.oncepay.web.ApiException;
import com.oncepay.web.ErrorCode;
import com.oncepay.web.Json;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Captures an authorized payment, fully or partly (the rest of the authorization is released). */
@Service
public class CapturePayment {

  /** {@code amount} null captures everything authorized. */
  public record Command(MerchantId merchant, PaymentId payment, Long amount) {
    public Command {
      Objects.requireNonNull(merchant, "merchant");
      Objects.requireNonNull(payment, "payment");
    }
  }

  private final OperationRequests requests;
  private final PaymentClaims claims;
  private final PaymentRepository payments;
  private final OperationRepository operations;

  public CapturePayment(
      OperationRequests requests,
      PaymentClaims claims,
      PaymentRepository payments,
      OperationRepository operations) {
    this.requests = requests;
    this.claims = claims;
    this.payments = payments;
    this.operations = operations;
  }

  public IdempotentResponse capture(IdempotentRequest request, Command command) {
    return requests.run(
        request,
        (recordId, now) -> {
          // Only "capture the rest" needs a read first; the guarded write decides either way.
          long amount = command.amount() != null ? command.amount() : rest(command);
          OperationId operationId = OperationId.random();
          Optional<Payment> reserved =
              amount > 0
                  ? claims.reserveCapture(
                      command.merchant(), command.payment(), operationId, amount, now)
                  : Optional.empty();
          if (reserved.isEmpty()) {
            return rejected(recordId, command, amount);
          }
          Operation capture =
              operations.insert(
                  operationId,
                  command.merchant(),
                  command.payment(),
                  OperationKind.CAPTURE,
                  amount,
                  requests.leaseUntil(now),
                  now);
          return requests.execute(recordId, capture);
        });
  }

  private long rest(Command command) {
    Payment current = PaymentRejections.find(payments, command.merchant(), command.payment());
    return current.amountAuthorized() - current.amountCaptured();
  }

  private OperationRequests.Step rejected(UUID recordId, Command command, long amount) {
    Payment payment = PaymentRejections.find(payments, command.merchant(), command.payment());
    PaymentRejections.throwIfBusy(payment);
    if (payment.status() != PaymentStatus.AUTHORIZED) {
      return requests.store(
          recordId, Json.error(PaymentRejections.invalidState(payment, "captured")));
    }
    if (amount <= 0 || payment.amountCaptured() + amount > payment.amountAuthorized()) {
      return requests.store(
          recordId,
          Json.error(
              new ApiException(
                  ErrorCode.AMOUNT_EXCEEDS_AUTHORIZED,
                  "Capture of "
                      + amount
                      + " exceeds the "
                      + (payment.amountAuthorized() - payment.amountCaptured())
                      + " authorized on "
                      + payment.id()
                      + ".",
                  "amount")));
    }
    throw PaymentRejections.busy(payment);
  }
}
