package com.oncepay.payment;

import com.oncepay.merchant.MerchantId;
import com.oncepay.order.Order;
import com.oncepay.order.OrderId;
import com.oncepay.order.OrderRepository;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code advisory} strategy: serialise claims on one object with a transaction-scoped advisory
 * lock ({@code pg_advisory_xact_lock}, released at commit or rollback, so it is PgBouncer-safe and
 * never outlives the claim transaction), then the guarded write. The lock key is derived from the
 * object's id; a hash collision only serialises two unrelated objects.
 */
class AdvisoryLockClaims extends PaymentClaims {

  AdvisoryLockClaims(JdbcClient jdbc, OrderRepository orders) {
    super(jdbc, orders);
  }

  private void lock(UUID id) {
    jdbc.sql("SELECT pg_advisory_xact_lock(:key)")
        .param("key", id.getMostSignificantBits() ^ id.getLeastSignificantBits())
        .query()
        .singleRow();
  }

  @Override
  public Optional<Order> claimOrder(MerchantId merchant, OrderId order, OffsetDateTime now) {
    lock(order.value());
    return super.claimOrder(merchant, order, now);
  }

  @Override
  public Optional<Payment> reserveCapture(
      MerchantId merchant,
      PaymentId payment,
      OperationId operation,
      long amount,
      OffsetDateTime now) {
    lock(payment.value());
    return super.reserveCapture(merchant, payment, operation, amount, now);
  }

  @Override
  public Optional<Payment> reserveVoid(
      MerchantId merchant, PaymentId payment, OperationId operation, OffsetDateTime now) {
    lock(payment.value());
    return super.reserveVoid(merchant, payment, operation, now);
  }

  @Override
  public Optional<Payment> reserveRefund(
      MerchantId merchant, PaymentId payment, long amount, OffsetDateTime now) {
    lock(payment.value());
    return super.reserveRefund(merchant, payment, amount, now);
  }
}
