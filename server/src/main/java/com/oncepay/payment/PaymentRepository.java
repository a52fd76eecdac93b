package com.oncepay.payment;

import com.oncepay.merchant.MerchantId;
import com.oncepay.money.Money;
import com.oncepay.order.OrderId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Payments in PostgreSQL. Every state change is one guarded UPDATE whose WHERE clause carries the
 * state machine's source states and the amount limits; callers check the row count.
 */
@Repository
public class PaymentRepository {

  static final String COLUMNS =
      "id, merchant_id, order_id, status, payment_method, capture_method, amount, currency,"
          + " amount_authorized, amount_captured, amount_refunded, amount_refund_pending,"
          + " pending_operation_id, gateway_charge_id, decline_code, version, created_at,"
          + " updated_at";

  protected final JdbcClient jdbc;

  public PaymentRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Payment insert(
      PaymentId id,
      MerchantId merchant,
      OrderId order,
      Money amount,
      String paymentMethod,
      CaptureMethod captureMethod,
      OffsetDateTime now) {
    return jdbc.sql(
            """
            INSERT INTO payments (id, merchant_id, order_id, status, payment_method,
                                  capture_method, amount, currency, created_at, updated_at)
            VALUES (:id, :merchant, :order, 'processing', :method, :capture, :amount, :currency,
                    :now, :now)
            RETURNING
            """
                + COLUMNS)
        .param("id", id.value())
        .param("merchant", merchant.value())
        .param("order", order.value())
        .param("method", paymentMethod)
        .param("capture", captureMethod.dbName())
        .param("amount", amount.minor())
        .param("currency", amount.currencyCode())
        .param("now", now)
        .query(PaymentRepository::map)
        .single();
  }

  public Optional<Payment> find(MerchantId merchant, PaymentId id) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM payments WHERE id = :id AND merchant_id = :merchant")
        .param("id", id.value())
        .param("merchant", merchant.value())
        .query(PaymentRepository::map)
        .optional();
  }

  /** Unscoped: for callers already authenticated as the gateway (signed webhooks). */
  public Optional<Payment> findForGateway(PaymentId id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM payments WHERE id = :id")
        .param("id", id.value())
        .query(PaymentRepository::map)
        .optional();
  }

  public List<Payment> findByOrder(MerchantId merchant, OrderId order) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM payments WHERE order_id = :order AND merchant_id = :merchant"
                + " ORDER BY created_at, id")
        .param("order", order.value())
        .param("merchant", merchant.value())
        .query(PaymentRepository::map)
        .list();
  }

  /** Settles an authorization: authorized, captured at once, declined, or outcome unknown. */
  public Optional<Payment> settleAuthorization(
      PaymentId id,
      PaymentEvent event,
      long amountAuthorized,
      long amountCaptured,
      String chargeId,
      String declineCode,
      OffsetDateTime now) {
    return jdbc.sql(
            """
            UPDATE payments
               SET status = :to, amount_authorized = :authorized, amount_captured = :captured,
                   gateway_charge_id = COALESCE(:charge, gateway_charge_id),
                   decline_code = :decline, version = version + 1, updated_at = :now
             WHERE id = :id AND status IN (:from)
            RETURNING
            """
                + COLUMNS)
        .param("to", PaymentStateMachine.TABLE.target(event).dbName())
        .param("authorized", amountAuthorized)
        .param("captured", amountCaptured)
        .param("charge", chargeId)
        .param("decline", declineCode)
        .param("now", now)
        .param("id", id.value())
        .param("from", PaymentStateMachine.TABLE.sourceNames(event))
        .query(PaymentRepository::map)
        .optional();
  }

  /** Ends a capture or void in flight: moves along {@code event}, or (null) just releases it. */
  public Optional<Payment> settlePendingOperation(
      PaymentId id,
      OperationId operation,
      PaymentEvent event,
      long captureAmount,
      OffsetDateTime now) {
    String status =
        event == null ? "status" : "'" + PaymentStateMachine.TABLE.target(event).dbName() + "'";
    List<String> from =
        event == null
            ? List.of(PaymentStatus.AUTHORIZED.dbName())
            : PaymentStateMachine.TABLE.sourceNames(event);
    return jdbc.sql(
            "UPDATE payments SET status = "
                + status
                + ", amount_captured = amount_captured + :captured, pending_operation_id = NULL,"
                + " version = version + 1, updated_at = :now"
                + " WHERE id = :id AND pending_operation_id = :op AND status IN (:from)"
                + " RETURNING "
                + COLUMNS)
        .param("captured", captureAmount)
        .param("now", now)
        .param("id", id.value())
        .param("op", operation.value())
        .param("from", from)
        .query(PaymentRepository::map)
        .optional();
  }

  /**
   * Settles a refund that succeeded: its reservation becomes refunded money, and the payment is
   * refunded once nothing captured is left.
   */
  public Optional<Payment> settleRefund(PaymentId id, long amount, OffsetDateTime now) {
    return jdbc.sql(
            """
            UPDATE payments
               SET amount_refunded = amount_refunded + :amount,
                   amount_refund_pending = amount_refund_pending - :amount,
                   status = CASE WHEN amount_refunded + :amount = amount_captured
                                 THEN :full ELSE :partial END,
                   version = version + 1, updated_at = :now
             WHERE id = :id AND status IN (:from) AND amount_refund_pending >= :amount
            RETURNING
            """
                + COLUMNS)
        .param("amount", amount)
        .param("full", PaymentStateMachine.TABLE.target(PaymentEvent.FULLY_REFUNDED).dbName())
        .param(
            "partial", PaymentStateMachine.TABLE.target(PaymentEvent.PARTIALLY_REFUNDED).dbName())
        .param("now", now)
        .param("id", id.value())
        .param("from", PaymentStateMachine.TABLE.sourceNames(PaymentEvent.PARTIALLY_REFUNDED))
        .query(PaymentRepository::map)
        .optional();
  }

  /** Returns a failed refund's reservation to the refundable amount. */
  public Optional<Payment> releaseRefund(PaymentId id, long amount, OffsetDateTime now) {
    return jdbc.sql(
            """
            UPDATE payments
               SET amount_refund_pending = amount_refund_pending - :amount,
                   version = version + 1, updated_at = :now
             WHERE id = :id AND amount_refund_pending >= :amount
            RETURNING
            """
                + COLUMNS)
        .param("amount", amount)
        .param("now", now)
        .param("id", id.value())
        .query(PaymentRepository::map)
        .optional();
  }

  static Payment map(ResultSet rs, int row) throws SQLException {
    UUID pending = rs.getObject("pending_operation_id", UUID.class);
    return new Payment(
        new PaymentId(rs.getObject("id", UUID.class)),
        new MerchantId(rs.getObject("merchant_id", UUID.class)),
        new OrderId(rs.getObject("order_id", UUID.class)),
        PaymentStatus.fromDb(rs.getString("status")),
        rs.getString("payment_method"),
        CaptureMethod.fromDb(rs.getString("capture_method")),
        Money.of(rs.getLong("amount"), rs.getString("currency")),
        rs.getLong("amount_authorized"),
        rs.getLong("amount_captured"),
        rs.getLong("amount_refunded"),
        rs.getLong("amount_refund_pending"),
        pending == null ? null : new OperationId(pending),
        rs.getString("gateway_charge_id"),
        rs.getString("decline_code"),
        rs.getLong("version"),
        utc(rs.getObject("created_at", OffsetDateTime.class)),
        utc(rs.getObject("updated_at", OffsetDateTime.class)));
  }

  static OffsetDateTime utc(OffsetDateTime time) {
    return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
  }
}
