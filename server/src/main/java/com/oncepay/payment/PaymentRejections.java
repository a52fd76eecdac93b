package com.oncepay.payment;

import com.oncepay.merchant.MerchantId;
import com.oncepay.web.ApiException;
import com.oncepay.web.ErrorCode;
import java.time.Duration;

/** Explanations for a lost payment claim, read after the guarded write already decided. */
final class PaymentRejections {

  private PaymentRejections() {}

  static Payment find(PaymentRepository payments, MerchantId merchant, PaymentId id) {
    return payments
        .find(merchant, id)
        .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No such payment: " + id));
  }

  static void throwIfBusy(Payment payment) {
    if (payment.pendingOperation() != null
        || payment.status() == PaymentStatus.PROCESSING
        || payment.status() == PaymentStatus.UNKNOWN) {
      throw busy(payment);
    }
  }

  static ApiException busy(Payment payment) {
    return ApiException.retryLater(
        ErrorCode.PAYMENT_BUSY,
        "Payment " + payment.id() + " has an operation in progress; retry later.",
        Duration.ofSeconds(1));
  }

  static ApiException invalidState(Payment payment, String wanted) {
    return new ApiException(
        ErrorCode.INVALID_STATE,
        "Payment "
            + payment.id()
            + " is "
            + payment.status().dbName()
            + " and cannot be "
            + wanted
            + ".");
  }
}
