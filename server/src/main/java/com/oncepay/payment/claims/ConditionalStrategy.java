package com.oncepay.payment.claims;

import com.oncepay.merchant.MerchantId;
import com.oncepay.order.model.Order;
import com.oncepay.order.model.OrderEvent;
import com.oncepay.order.model.OrderId;
import com.oncepay.order.store.OrderRepository;
import com.oncepay.payment.model.OperationId;
import com.oncepay.payment.model.Payment;
import com.oncepay.payment.model.PaymentEvent;
import com.oncepay.payment.model.PaymentId;
import com.oncepay.payment.store.PaymentRepository;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The {@code conditional} strategy (the default): each claim is one guarded UPDATE; the first
 * request to match its WHERE clause wins and everyone after it matches zero rows. There is no
 * read-then-check window, so no lock is needed and none is held.
 */
final class ConditionalStrategy implements ConcurrencyStrategy {

  private final OrderRepository orders;
  private final PaymentRepository payments;

  ConditionalStrategy(OrderRepository orders, PaymentRepository payments) {
    this.orders = orders;
    this.payments = payments;
  }

  @Override
  public Optional<Order> claimOrder(MerchantId merchant, OrderId order, OffsetDateTime now) {
    return orders.transition(merchant, order, OrderEvent.PAYMENT_STARTED, now);
  }

  @Override
  public Optional<Payment> reserveCapture(
      MerchantId merchant,
      PaymentId payment,
      OperationId operation,
      long amount,
      OffsetDateTime now) {
    return payments.reservePending(
        merchant, payment, operation, PaymentEvent.CAPTURED, amount, now);
  }

  @Override
  public Optional<Payment> reserveVoid(
      MerchantId merchant, PaymentId payment, OperationId operation, OffsetDateTime now) {
    return payments.reservePending(merchant, payment, operation, PaymentEvent.VOIDED, 0, now);
  }

  @Override
  public Optional<Payment> reserveRefund(
      MerchantId merchant, PaymentId payment, long amount, OffsetDateTime now) {
    return payments.reserveRefund(merchant, payment, amount, now);
  }
}
