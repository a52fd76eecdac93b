package com.oncepay.payment;

import com.oncepay.merchant.MerchantId;
import com.oncepay.order.Order;
import com.oncepay.order.OrderId;
import com.oncepay.order.OrderRepository;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code pessimistic} strategy: lock the row with {@code SELECT … FOR UPDATE} first, so
 * competing requests queue on the row lock instead of racing; the guarded write then runs alone.
 * The lock lives only as long as the short claim transaction, never across the gateway call, and
 * {@code lock_timeout} bounds the wait (a timeout answers 503 + Retry-After).
 */
class PessimisticClaims extends PaymentClaims {

  PessimisticClaims(JdbcClient jdbc, OrderRepository orders) {
    super(jdbc, orders);
  }

  private void lock(String table, java.util.UUID id) {
    jdbc.sql("SELECT 1 FROM " + table + " WHERE id = :id FOR UPDATE")
        .param("id", id)
        .query()
        .listOfRows();
  }

  @Override
  public Optional<Order> claimOrder(MerchantId merchant, OrderId order, OffsetDateTime now) {
    lock("orders", order.value());
    return super.claimOrder(merchant, order, now);
  }

  @Override
  public Optional<Payment> reserveCapture(
      MerchantId merchant,
      PaymentId payment,
      OperationId operation,
      long amount,
      OffsetDateTime now) {
    lock("payments", payment.value());
    return super.reserveCapture(merchant, payment, operation, amount, now);
  }

  @Override
  public Optional<Payment> reserveVoid(
      MerchantId merchant, PaymentId payment, OperationId operation, OffsetDateTime now) {
    lock("payments", payment.value());
    return super.reserveVoid(merchant, payment, operation, now);
  }

  @Override
  public Optional<Payment> reserveRefund(
      MerchantId merchant, PaymentId payment, long amount, OffsetDateTime now) {
    lock("payments", payment.value());
    return super.reserveRefund(merchant, payment, amount, now);
  }
}
