package com.oncepay.payment.application;

import com.oncepay.error.ErrorCode;
import com.oncepay.error.OncepayException;
import com.oncepay.error.Rejection;
import com.oncepay.merchant.MerchantId;
import com.oncepay.payment.model.Payment;
import com.oncepay.payment.model.PaymentId;
import com.oncepay.payment.model.PaymentStatus;
import com.oncepay.payment.store.PaymentRepository;
import java.time.Duration;

/**
 * Explanations for a lost claim, read after the guarded write already decided. A definite "no" is a
 * {@link Rejection} (stored with the key); "busy, try again" is thrown (rolled back, key free).
 */
final class Rejections {

  static final Duration BUSY_RETRY = Duration.ofSeconds(1);

  private Rejections() {}

  static Payment find(PaymentRepository payments, MerchantId merchant, PaymentId id) {
    return payments
        .find(merchant, id)
        .orElseThrow(() -> new OncepayException(ErrorCode.NOT_FOUND, "No such payment: " + id));
  }

  static void throwIfBusy(Payment payment) {
    if (payment.pendingOperation() != null
        || payment.status() == PaymentStatus.PROCESSING
        || payment.status() == PaymentStatus.UNKNOWN) {
      throw busy(payment);
    }
  }

  static OncepayException busy(Payment payment) {
    return OncepayException.retryLater(
        ErrorCode.PAYMENT_BUSY,
        "Payment " + payment.id() + " has an operation in progress; retry later.",
        BUSY_RETRY);
  }

  static Rejection invalidState(Payment payment, String wanted) {
    return Rejection.of(
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
