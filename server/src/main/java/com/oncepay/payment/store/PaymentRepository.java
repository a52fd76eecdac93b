package com.oncepay.payment.store;

import com.oncepay.merchant.MerchantId;
import com.oncepay.money.Money;
import com.oncepay.order.model.OrderId;
import com.oncepay.payment.model.CaptureMethod;
import com.oncepay.payment.model.OperationId;
import com.oncepay.payment.model.Payment;
import com.oncepay.payment.model.PaymentEvent;
import com.oncepay.payment.model.PaymentId;
import com.oncepay.payment.model.PaymentStateMachine;
import com.oncepay.payment.model.PaymentStatus;
import com.oncepay.persistence.DbEnum;
import com.oncepay.persistence.RowCounts;
import com.oncepay.persistence.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code payments} table: the only class that writes SQL for it. Every state change is one
 * guarded UPDATE whose WHERE clause carries the state machine's source states and the amount
 * limits; an empty result means the guard refused (another request won).
 */
@Repository
public class PaymentRepository {

  private static final String COLUMNS =
      "id, merchant_id, order_id, status, payment_method, capture_method, amount, currency,"
          + " amount_authorized, amount_captured, amount_refunded, amount_refund_pending,"
          + " pending_operation_id, gateway_charge_id, decline_code, version, created_at,"
          + " updated_at";

  private final JdbcClient jdbc;

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
            VALUES (:id, :merchant, :order, :status, :method, :capture, :amount, :currency,
                    :now, :now)
            RETURNING
            """
                + COLUMNS)
        .param("id", id.value())
        .param("merchant", merchant.value())
        .param("order", order.value())
        .param("status", PaymentStatus.PROCESSING.dbName())
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

  /**
   * Marks a capture or void in flight, if the payment is in {@code event}'s source states, idle,
   * and covers {@code amount}: the {@code conditional} claim, decided by this one statement.
   */
  public Optional<Payment> reservePending(
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
                + COLUMNS)
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
                + COLUMNS)
        .param("amount", amount)
        .param("now", now)
        .param("id", payment.value())
        .param("merchant", merchant.value())
        .param("from", PaymentStateMachine.TABLE.sourceNames(PaymentEvent.PARTIALLY_REFUNDED))
        .query(PaymentRepository::map)
        .optional();
  }

  /**
   * Row-locks the payment until the transaction ends ({@code pessimistic}); bounded by
   * lock_timeout.
   */
  public void lockForUpdate(PaymentId payment) {
    jdbc.sql("SELECT 1 FROM payments WHERE id = :id FOR UPDATE")
        .param("id", payment.value())
        .query()
        .listOfRows();
  }

  /**
   * Sets the operation in flight if the row still has {@code version} ({@code optimistic}): the
   * decision was made in Java on that version, so any write since then voids it.
   *
   * @return whether the write happened (false: someone wrote first; read again)
   */
  public boolean setPendingIfVersion(
      MerchantId merchant,
      PaymentId payment,
      OperationId operation,
      long version,
      OffsetDateTime now) {
    return versioned(
        merchant, payment, "pending_operation_id = :value", operation.value(), version, now);
  }

  /** Sets the refund reservation to {@code value} if the row still has {@code version}. */
  public boolean setRefundPendingIfVersion(
      MerchantId merchant, PaymentId payment, long value, long version, OffsetDateTime now) {
    return versioned(merchant, payment, "amount_refund_pending = :value", value, version, now);
  }

  /**
   * DELIBERATELY UNGUARDED, for the {@code unsafe-naive} strategy only: writes whatever a stale
   * read decided. It exists so the race lab can show the lost updates it causes.
   */
  public void overwritePendingUnguarded(
      PaymentId payment, OperationId operation, OffsetDateTime now) {
    overwrite(payment, "pending_operation_id = :value", operation.value(), now);
  }

  /** DELIBERATELY UNGUARDED, like {@link #overwritePendingUnguarded}. */
  public void overwriteRefundPendingUnguarded(PaymentId payment, long value, OffsetDateTime now) {
    overwrite(payment, "amount_refund_pending = :value", value, now);
  }

  private boolean versioned(
      MerchantId merchant,
      PaymentId payment,
      String assignment,
      Object value,
      long version,
      OffsetDateTime now) {
    int updated =
        jdbc.sql(
                "UPDATE payments SET "
                    + assignment
                    + ", version = version + 1, updated_at = :now"
                    + " WHERE id = :id AND merchant_id = :merchant AND version = :version")
            .param("value", value)
            .param("now", now)
            .param("id", payment.value())
            .param("merchant", merchant.value())
            .param("version", version)
            .update();
    return RowCounts.atMostOne(updated, "payment " + payment);
  }

  private void overwrite(PaymentId payment, String assignment, Object value, OffsetDateTime now) {
    jdbc.sql("UPDATE payments SET " + assignment + ", updated_at = :now WHERE id = :id")
        .param("value", value)
        .param("now", now)
        .param("id", payment.value())
        .update();
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
             WHERE id = :id AND amount_refund_pending >= :amount
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

  private static Payment map(ResultSet rs, int row) throws SQLException {
    UUID pending = rs.getObject("pending_operation_id", UUID.class);
    return new Payment(
        new PaymentId(rs.getObject("id", UUID.class)),
        new MerchantId(rs.getObject("merchant_id", UUID.class)),
        new OrderId(rs.getObject("order_id", UUID.class)),
        DbEnum.fromDb(PaymentStatus.class, rs.getString("status")),
        rs.getString("payment_method"),
        DbEnum.fromDb(CaptureMethod.class, rs.getString("capture_method")),
        Money.of(rs.getLong("amount"), rs.getString("currency")),
        rs.getLong("amount_authorized"),
        rs.getLong("amount_captured"),
        rs.getLong("amount_refunded"),
        rs.getLong("amount_refund_pending"),
        pending == null ? null : new OperationId(pending),
        rs.getString("gateway_charge_id"),
        rs.getString("decline_code"),
        rs.getLong("version"),
        Timestamps.utc(rs, "created_at"),
        Timestamps.utc(rs, "updated_at"));
  }
}
