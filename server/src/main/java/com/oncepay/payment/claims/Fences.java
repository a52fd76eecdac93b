package com.oncepay.payment.claims;

import com.oncepay.merchant.MerchantId;
import com.oncepay.order.model.OrderId;
import com.oncepay.payment.model.PaymentId;
import java.util.OptionalLong;

/**
 * The fencing half of the {@code redis} strategy's guarded writes: moves a row's {@code fence} up
 * to a token, only if the token is above it. It runs first in the claim transaction and takes the
 * row lock, so the guarded write of {@link ConditionalStrategy} that follows in the same
 * transaction is decided under the same lock: together they are one write {@code … AND fence <
 * :token}, {@code SET fence = :token}. The naive twin kept in the tests drops the check.
 */
interface Fences {

  /** Whether the order's fence was below {@code token} and now equals it. */
  boolean advanceOrder(MerchantId merchant, OrderId order, long token);

  /** Whether the payment's fence was below {@code token} and now equals it. */
  boolean advancePayment(MerchantId merchant, PaymentId payment, long token);

  /** The order's stored fence; empty when the merchant has no such order. */
  OptionalLong orderFence(MerchantId merchant, OrderId order);

  /** The payment's stored fence; empty when the merchant has no such payment. */
  OptionalLong paymentFence(MerchantId merchant, PaymentId payment);
}
