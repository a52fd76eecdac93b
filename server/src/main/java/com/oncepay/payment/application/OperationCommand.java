package com.oncepay.payment.application;

import com.oncepay.merchant.MerchantId;
import com.oncepay.payment.model.PaymentId;
import java.util.Objects;

/**
 * A validated capture, void or refund of a payment. {@code amount} null means "all of it": all that
 * is authorized (capture) or still refundable (refund); a void has none.
 */
public record OperationCommand(MerchantId merchant, PaymentId payment, Long amount) {
  public OperationCommand {
    Objects.requireNonNull(merchant, "merchant");
    Objects.requireNonNull(payment, "payment");
  }
}
