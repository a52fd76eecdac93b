package com.oncepay.payment;

import com.oncepay.merchant.MerchantId;
import com.oncepay.order.Order;
import com.oncepay.order.OrderEvent;
import com.oncepay.order.OrderId;
import com.oncepay.order.OrderRepository;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The writes that decide payment races, each one guarded UPDATE: the first request to match the
 * WHERE clause wins, everyone after it matches zero rows. No read-then-check window exists, so no
 * lock is needed and none is held across the gateway call.
 *
 * <p>Empty means "lost": the caller reads the current state only to explain why. This is the {@code
 * conditional} strategy; {@link ConcurrencyStrategyConfig} picks the one in use.
 */
public class PaymentClaims {

  protected final JdbcClient jdbc;
  protected final OrderRepository orders;

  public PaymentClaims(JdbcClient jdbc, OrderRepository orders) {
    this.jdbc = jdbc;
    this.orders = orders;
  }

  /** pending_payment or payment_failed → payment_processing; one winner per attempt. */
  public Optional<Order> claimOrder(MerchantId merchant, OrderId order, OffsetDateTime now) {
    return orders.transition(merchant, order, OrderEvent.PAYMENT_STARTED, now);
  }

  /** Marks a capture in flight, if the payment is authorized, idle, and covers the amount. */
  public Optional<Payment> reserveCapture(
      MerchantId merchant,
      PaymentId payment,
      OperationId operation,
      long amount,
      OffsetDateTime now) {
    return reservePending(merchant, payment, operation, PaymentEvent.CAPTURED, amount, now);
  }

  /** Marks a void in flight, if the payment is authorized and idle. */
  public Optional<Payment> reserveVoid(
      MerchantId merchant, PaymentId payment, OperationId operation, OffsetDateTime now) {
    return reservePending(merchant, payment, operation, PaymentEvent.VOIDED, 0, now);
  }

  private Optional<Payment> reservePending(
      MerchantId merchant,
      PaymentId payment,
      OperationId operation,
      PaymentEvent event,
      long amount,
      OffsetDateTime now) {
    return jdbc.sql(
            """
            UPDATE payments
               SET pending_operation_id = :op, version = version + 1, updated_at = :now
             WHERE id = :id AND merchant_id = :merchant AND status IN (:from)
               AND pending_operation_id IS NULL
               AND amount_captured + :amount <= amount_authorized
            RETURNING
            """
                + PaymentRepository.COLUMNS)
        .param("op", operation.value())
        .param("now", now)
        .param("id", payment.value())
        .param("merchant", merchant.value())
        .param("from", PaymentStateMachine.TABLE.sourceNames(event))
        .param("amount", amount)
        .query(PaymentRepository::map)
        .optional();
  }

  /**
   * Reserves {@code amount} for a refund. The limit is inside the write, counting refunds still in
   * flight, so concurrent refunds can never add up to more than was captured.
   */
  public Optional<Payment> reserveRefund(
      MerchantId merchant, PaymentId payment, long amount, OffsetDateTime now) {
    return jdbc.sql(
            """
            UPDATE payments
               SET amount_refund_pending = amount_refund_pending + :amount,
                   version = version + 1, updated_at = :now
             WHERE id = :id AND merchant_id = :merchant AND status IN (:from)
               AND amount_refunded + amount_refund_pending + :amount <= amount_captured
            RETURNING
            """
                + PaymentRepository.COLUMNS)
        .param("amount", amount)
        .param("now", now)
        .param("id", payment.value())
        .param("merchant", merchant.value())
        .param("from", PaymentStateMachine.TABLE.sourceNames(PaymentEvent.PARTIALLY_REFUNDED))
        .query(PaymentRepository::map)
        .optional();
  }
}
