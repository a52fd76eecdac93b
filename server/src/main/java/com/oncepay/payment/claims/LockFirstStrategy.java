package com.oncepay.payment.claims;

import com.oncepay.merchant.MerchantId;
import com.oncepay.order.model.Order;
import com.oncepay.order.model.OrderId;
import com.oncepay.payment.model.OperationId;
import com.oncepay.payment.model.Payment;
import com.oncepay.payment.model.PaymentId;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Strategies that make competing requests queue on a transaction-scoped lock first, then decide
 * with the same guarded write as {@link ConditionalStrategy}. The lock ends with the short claim
 * transaction, never spans the gateway call, and {@code lock_timeout} bounds the wait (a timeout
 * answers 503 + Retry-After).
 */
abstract sealed class LockFirstStrategy implements ConcurrencyStrategy
    permits PessimisticStrategy, AdvisoryLockStrategy {

  private final ConditionalStrategy guarded;

  LockFirstStrategy(ConditionalStrategy guarded) {
    this.guarded = guarded;
  }

  abstract void lockOrder(OrderId order);

  abstract void lockPayment(PaymentId payment);

  @Override
  public final Optional<Order> claimOrder(MerchantId merchant, OrderId order, OffsetDateTime now) {
    lockOrder(order);
    return guarded.claimOrder(merchant, order, now);
  }

  @Override
  public final Optional<Payment> reserveCapture(
      MerchantId merchant,
      PaymentId payment,
      OperationId operation,
      long amount,
      OffsetDateTime now) {
    lockPayment(payment);
    return guarded.reserveCapture(merchant, payment, operation, amount, now);
  }

  @Override
  public final Optional<Payment> reserveVoid(
      MerchantId merchant, PaymentId payment, OperationId operation, OffsetDateTime now) {
    lockPayment(payment);
    return guarded.reserveVoid(merchant, payment, operation, now);
  }

  @Override
  public final Optional<Payment> reserveRefund(
      MerchantId merchant, PaymentId payment, long amount, OffsetDateTime now) {
    lockPayment(payment);
    return guarded.reserveRefund(merchant, payment, amount, now);
  }
}
