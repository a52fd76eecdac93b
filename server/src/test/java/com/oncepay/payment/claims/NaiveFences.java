package com.oncepay.payment.claims;

import com.oncepay.merchant.MerchantId;
import com.oncepay.order.model.OrderId;
import com.oncepay.payment.model.PaymentId;
import java.util.OptionalLong;

/**
 * The naive twin of {@link FenceSql}: a Redis lock with a lease and no fence check, as the shops'
 * own code had it. Every advance "succeeds" without looking at the stored fence, so a holder whose
 * lease ran out writes after its successor. Kept so that {@link RedisFenceIT} shows it is caught.
 */
final class NaiveFences implements Fences {

  private final FenceSql reads;

  NaiveFences(FenceSql reads) {
    this.reads = reads;
  }

  @Override
  public boolean advanceOrder(MerchantId merchant, OrderId order, long token) {
    return true;
  }

  @Override
  public boolean advancePayment(MerchantId merchant, PaymentId payment, long token) {
    return true;
  }

  @Override
  public OptionalLong orderFence(MerchantId merchant, OrderId order) {
    return reads.orderFence(merchant, order);
  }

  @Override
  public OptionalLong paymentFence(MerchantId merchant, PaymentId payment) {
    return reads.paymentFence(merchant, payment);
  }
}
