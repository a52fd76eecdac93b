package com.oncepay.payment.claims;

import com.oncepay.order.model.OrderId;
import com.oncepay.order.store.OrderRepository;
import com.oncepay.payment.model.PaymentId;
import com.oncepay.payment.store.PaymentRepository;

/**
 * The {@code pessimistic} strategy: lock the row with {@code SELECT … FOR UPDATE}, so competing
 * requests queue on the row lock instead of racing; the guarded write then runs alone.
 */
final class PessimisticStrategy extends LockFirstStrategy {

  private final OrderRepository orders;
  private final PaymentRepository payments;

  PessimisticStrategy(OrderRepository orders, PaymentRepository payments) {
    super(new ConditionalStrategy(orders, payments));
    this.orders = orders;
    this.payments = payments;
  }

  @Override
  void lockOrder(OrderId order) {
    orders.lockForUpdate(order);
  }

  @Override
  void lockPayment(PaymentId payment) {
    payments.lockForUpdate(payment);
  }
}
