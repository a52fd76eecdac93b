package com.oncepay.payment.claims;

import com.oncepay.merchant.MerchantId;
import com.oncepay.order.model.Order;
import com.oncepay.order.model.OrderEvent;
import com.oncepay.order.model.OrderId;
import com.oncepay.order.model.OrderStateMachine;
import com.oncepay.order.store.OrderRepository;
import com.oncepay.payment.model.OperationId;
import com.oncepay.payment.model.Payment;
import com.oncepay.payment.model.PaymentId;
import com.oncepay.payment.store.PaymentRepository;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * DELIBERATELY UNSAFE. Read the row, decide in Java, write without a guard: the textbook race. Two
 * requests can both read "payable" and both write; a refund limit checked on a stale read is no
 * limit; an amount written back from a stale read loses the other writer's update.
 *
 * <p>It exists only so the race lab and the race tests can show that they catch this; start-up
 * refuses it unless ONCEPAY_ALLOW_UNSAFE=true.
 */
public final class UnsafeNaiveStrategy implements ConcurrencyStrategy {

  private final OrderRepository orders;
  private final PaymentRepository payments;

  public UnsafeNaiveStrategy(OrderRepository orders, PaymentRepository payments) {
    this.orders = orders;
    this.payments = payments;
  }

  @Override
  public Optional<Order> claimOrder(MerchantId merchant, OrderId order, OffsetDateTime now) {
    Optional<Order> current = orders.find(merchant, order);
    if (current.isEmpty()
        || OrderStateMachine.TABLE
            .next(current.get().status(), OrderEvent.PAYMENT_STARTED)
            .isEmpty()) {
      return Optional.empty();
    }
    orders.transitionUnguarded(order, OrderEvent.PAYMENT_STARTED, now);
    return orders.find(merchant, order);
  }

  @Override
  public Optional<Payment> reserveCapture(
      MerchantId merchant,
      PaymentId payment,
      OperationId operation,
      long amount,
      OffsetDateTime now) {
    return setPending(merchant, payment, operation, amount, now);
  }

  @Override
  public Optional<Payment> reserveVoid(
      MerchantId merchant, PaymentId payment, OperationId operation, OffsetDateTime now) {
    return setPending(merchant, payment, operation, 0, now);
  }

  private Optional<Payment> setPending(
      MerchantId merchant,
      PaymentId payment,
      OperationId operation,
      long amount,
      OffsetDateTime now) {
    Optional<Payment> current = payments.find(merchant, payment);
    if (current.isEmpty() || !Decisions.mayStartPending(current.get(), amount)) {
      return Optional.empty();
    }
    payments.overwritePendingUnguarded(payment, operation, now);
    return payments.find(merchant, payment);
  }

  @Override
  public Optional<Payment> reserveRefund(
      MerchantId merchant, PaymentId payment, long amount, OffsetDateTime now) {
    Optional<Payment> current = payments.find(merchant, payment);
    if (current.isEmpty() || !Decisions.mayRefund(current.get(), amount)) {
      return Optional.empty();
    }
    payments.overwriteRefundPendingUnguarded(
        payment, current.get().amountRefundPending() + amount, now);
    return payments.find(merchant, payment);
  }
}
