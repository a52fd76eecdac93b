package com.oncepay.payment;

import com.oncepay.idempotency.IdempotentRequest;
import com.oncepay.idempotency.IdempotentResponse;
import com.oncepay.merchant.MerchantId;
import com.oncepay.web.ApiException;
import com.oncepay.web.ErrorCode;
import com.oncepay.web.Json;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Refunds captured money, fully, partly, or in several refunds that may run concurrently. */
@Service
public class RefundPayment {

  private static final Set<PaymentStatus> REFUNDABLE =
      PaymentStateMachine.TABLE.sources(PaymentEvent.PARTIALLY_REFUNDED);

  /** {@code amount} null refunds everything still refundable. */
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

  public RefundPayment(
      OperationRequests requests,
      PaymentClaims claims,
      PaymentRepository payments,
      OperationRepository operations) {
    this.requests = requests;
    this.claims = claims;
    this.payments = payments;
    this.operations = operations;
  }

  public IdempotentResponse refund(IdempotentRequest request, Command command) {
    return requests.run(
        request,
        (recordId, now) -> {
          long amount =
              command.amount() != null
                  ? command.amount()
                  : PaymentRejections.find(payments, command.merchant(), command.payment())
                      .refundable();
          Optional<Payment> reserved =
              amount > 0
                  ? claims.reserveRefund(command.merchant(), command.payment(), amount, now)
                  : Optional.empty();
          if (reserved.isEmpty()) {
            return rejected(recordId, command, amount);
          }
          Operation refund =
              operations.insert(
                  OperationId.random(),
                  command.merchant(),
                  command.payment(),
                  OperationKind.REFUND,
                  amount,
                  requests.leaseUntil(now),
                  now);
          return requests.execute(recordId, refund);
        });
  }

  private OperationRequests.Step rejected(UUID recordId, Command command, long amount) {
    Payment payment = PaymentRejections.find(payments, command.merchant(), command.payment());
    if (!REFUNDABLE.contains(payment.status())) {
      return requests.store(
          recordId, Json.error(PaymentRejections.invalidState(payment, "refunded")));
    }
    if (amount > 0 && payment.refundable() >= amount) {
      // The amount fits: the claim lost to concurrent writers (optimistic strategy), not the limit.
      throw PaymentRejections.busy(payment);
    }
    return requests.store(
        recordId,
        Json.error(
            new ApiException(
                ErrorCode.AMOUNT_EXCEEDS_CAPTURED,
                "Refund of "
                    + amount
                    + " exceeds the "
                    + Math.max(0, payment.refundable())
                    + " still refundable on "
                    + payment.id()
                    + " (refunds in flight count as spent).",
                "amount")));
  }
}
