package com.oncepay.payment.claims;

import com.oncepay.order.model.OrderId;
import com.oncepay.order.store.OrderRepository;
import com.oncepay.payment.model.PaymentId;
import com.oncepay.payment.store.PaymentRepository;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code advisory} strategy: serialise claims on one object with a transaction-scoped advisory
 * lock ({@code pg_advisory_xact_lock}, released at commit or rollback, so it is PgBouncer-safe and
 * never outlives the claim transaction). The key is derived from the object's id; a hash collision
 * only serialises two unrelated objects. No table is touched by the lock itself.
 */
final class AdvisoryLockStrategy extends LockFirstStrategy {

  private final JdbcClient jdbc;

  AdvisoryLockStrategy(JdbcClient jdbc, OrderRepository orders, PaymentRepository payments) {
    super(new ConditionalStrategy(orders, payments));
    this.jdbc = jdbc;
  }

  @Override
  void lockOrder(OrderId order) {
    lock(order.value());
  }

  @Override
  void lockPayment(PaymentId payment) {
    lock(payment.value());
  }

  private void lock(UUID id) {
    jdbc.sql("SELECT pg_advisory_xact_lock(:key)")
        .param("key", id.getMostSignificantBits() ^ id.getLeastSignificantBits())
        .query()
        .singleRow();
  }
}
