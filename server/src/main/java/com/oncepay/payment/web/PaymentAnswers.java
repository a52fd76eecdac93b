package com.oncepay.payment.web;

import com.oncepay.error.ErrorCode;
import com.oncepay.error.Rejection;
import com.oncepay.idempotency.AnswerRenderer;
import com.oncepay.idempotency.StoredAnswer;
import com.oncepay.payment.application.PaymentOutcome;
import com.oncepay.payment.model.Operation;
import com.oncepay.payment.model.Payment;
import com.oncepay.payment.model.Refund;
import com.oncepay.web.HttpErrors;
import com.oncepay.web.Json;
import org.springframework.stereotype.Component;

/**
 * How a payment request's outcome is answered over HTTP. Called inside the transaction that stores
 * the answer with the key, and deterministic, so replays match byte for byte: 201/200 for a settled
 * operation, 202 while its outcome is open, 402 for a decline, the error object for a rejection.
 */
@Component
class PaymentAnswers implements AnswerRenderer<PaymentOutcome> {

  @Override
  public StoredAnswer render(PaymentOutcome outcome) {
    return switch (outcome) {
      case PaymentOutcome.Ran ran when ran.failed() ->
          HttpErrors.answer(declined(ran.operation(), ran.payment()));
      case PaymentOutcome.Ran ran -> ran(ran);
      case PaymentOutcome.Queued queued ->
          new StoredAnswer(202, Json.write(PaymentView.of(queued.payment())));
      case PaymentOutcome.Rejected rejected -> HttpErrors.answer(rejected.rejection());
    };
  }

  private static StoredAnswer ran(PaymentOutcome.Ran ran) {
    boolean settled = ran.settled();
    return switch (ran.operation().kind()) {
      case AUTHORIZE -> new StoredAnswer(settled ? 201 : 202, payment(ran.payment()));
      case CAPTURE, VOID -> new StoredAnswer(settled ? 200 : 202, payment(ran.payment()));
      case REFUND ->
          new StoredAnswer(
              settled ? 201 : 202,
              Json.write(RefundView.of(new Refund(ran.operation(), ran.payment()))));
    };
  }

  private static byte[] payment(Payment payment) {
    return Json.write(PaymentView.of(payment));
  }

  private static Rejection declined(Operation op, Payment payment) {
    return switch (op.kind()) {
      case AUTHORIZE ->
          new Rejection(
              ErrorCode.CARD_DECLINED,
              "Payment " + payment.id() + " was declined: " + op.failureCode() + ".",
              "payment_method");
      case CAPTURE, VOID, REFUND ->
          Rejection.of(
              ErrorCode.GATEWAY_REJECTED,
              "The gateway refused the "
                  + op.kind().dbName()
                  + " of payment "
                  + payment.id()
                  + ": "
                  + op.failureCode()
                  + ".");
    };
  }
}
