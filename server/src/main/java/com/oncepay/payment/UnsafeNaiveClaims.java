package com.oncepay.payment;

import com.oncepay.merchant.MerchantId;
import com.oncepay.order.Order;
import com.oncepay.order.OrderEvent;
import com.oncepay.order.OrderId;
import com.oncepay.order.OrderRepository;
import com.oncepay.order.OrderStateMachine;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * DELIBERATELY UNSAFE. Read the row, decide in Java, write without a guard: the textbook race. Two
 * requests can both read "payable" and both write; a refund limit checked on a stale read is no
 * limit; an amount written back from a stale read loses the other writer's update.
 *
 * <p>It exists only so the race lab and the race tests can show that they catch this; start-up
 * refuses it unless ONCEPAY_ALLOW_UNSAFE=true.
 */
public class UnsafeNaiveClaims extends PaymentClaims {

  private final PaymentRepository payments;

  public UnsafeNaiveClaims(JdbcClient jdbc, OrderRepository orders, PaymentRepository payments) {
    super(jdbc, orders);
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
    jdbc.sql(
            "UPDATE orders SET status = 'payment_processing', version = version + 1,"
                + " updated_at = :now WHERE id = :id")
        .param("now", now)
        .param("id", order.value())
        .update();
    return orders.find(merchant, order);
  }

  @Override
  public Optional<Payment> reserveCapture(
      MerchantId merchant,
      PaymentId payment,
      OperationId operation,
      long amount,
      OffsetDateTime now) {
    Optional<Payment> current = payments.find(merchant, payment);
    if (current.isEmpty()
        || current.get().status() != PaymentStatus.AUTHORIZED
        || current.get().pendingOperation() != null
        || current.get().amountCaptured() + amount > current.get().amountAuthorized()) {
      return Optional.empty();
    }
    return setPending(merchant, payment, operation, now);
  }

  @Override
  public Optional<Payment> reserveVoid(
      MerchantId merchant, PaymentId payment, OperationId operation, OffsetDateTime now) {
    Optional<Payment> current = payments.find(merchant, payment);
    if (current.isEmpty()
        || current.get().status() != PaymentStatus.AUTHORIZED
        || current.get().pendingOperation() != null) {
      return Optional.empty();
    }
    return setPending(merchant, payment, operation, now);
  }

  private Optional<Payment> setPending(
      MerchantId merchant, PaymentId payment, OperationId operation, OffsetDateTime now) {
    jdbc.sql("UPDATE payments SET pending_operation_id = :op, updated_at = :now WHERE id = :id")
        .param("op", operation.value())
        .param("now", now)
        .param("id", payment.value())
        .update();
    return payments.find(merchant, payment);
  }

  @Override
  public Optional<Payment> reserveRefund(
      MerchantId merchant, PaymentId payment, long amount, OffsetDateTime now) {
    Optional<Payment> current = payments.find(merchant, payment);
    if (current.isEmpty()
        || !PaymentStateMachine.TABLE
            .sources(PaymentEvent.PARTIALLY_REFUNDED)
            .contains(current.get().status())
        || current.get().refundable() < amount) {
      return Optional.empty();
    }
    jdbc.sql(
            "UPDATE payments SET amount_refund_pending = :pending, updated_at = :now WHERE id = :id")
        .param("pending", current.get().amountRefundPending() + amount)
        .param("now", now)
        .param("id", payment.value())
        .update();
    return payments.find(merchant, payment);
  }
}
