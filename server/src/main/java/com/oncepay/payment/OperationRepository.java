package com.oncepay.payment;

import com.oncepay.merchant.MerchantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Gateway operations: one row per call we make, with the key the gateway sees. */
@Repository
public class OperationRepository {

  static final String COLUMNS =
      "id, merchant_id, payment_id, kind, status, amount, gateway_ref, failure_code, attempts,"
          + " lease_until, created_at, updated_at";

  private final JdbcClient jdbc;

  public OperationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Operation insert(
      OperationId id,
      MerchantId merchant,
      PaymentId payment,
      OperationKind kind,
      long amount,
      OffsetDateTime leaseUntil,
      OffsetDateTime now) {
    return jdbc.sql(
            """
            INSERT INTO payment_operations (id, merchant_id, payment_id, kind, status, amount,
                                            gateway_key, lease_until, created_at, updated_at)
            VALUES (:id, :merchant, :payment, :kind, 'processing', :amount, :key, :lease,
                    :now, :now)
            RETURNING
            """
                + COLUMNS)
        .param("id", id.value())
        .param("merchant", merchant.value())
        .param("payment", payment.value())
        .param("kind", kind.dbName())
        .param("amount", amount)
        .param("key", id.gatewayKey())
        .param("lease", leaseUntil)
        .param("now", now)
        .query(OperationRepository::map)
        .single();
  }

  public Optional<Operation> find(OperationId id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM payment_operations WHERE id = :id")
        .param("id", id.value())
        .query(OperationRepository::map)
        .optional();
  }

  public Optional<Operation> find(MerchantId merchant, OperationId id) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM payment_operations WHERE id = :id AND merchant_id = :m")
        .param("id", id.value())
        .param("m", merchant.value())
        .query(OperationRepository::map)
        .optional();
  }

  public List<Operation> findByPayment(PaymentId payment, OperationKind kind) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM payment_operations WHERE payment_id = :payment AND kind = :kind"
                + " ORDER BY created_at, id")
        .param("payment", payment.value())
        .param("kind", kind.dbName())
        .query(OperationRepository::map)
        .list();
  }

  /**
   * Records the gateway's answer, if the operation is still open. Exactly one of several concurrent
   * finalizers (the request, a retry that resumed it, a recovery) gets 1; the others get empty and
   * must only read.
   */
  public Optional<Operation> finish(
      OperationId id,
      OperationStatus status,
      String gatewayRef,
      String failureCode,
      OffsetDateTime now) {
    return jdbc.sql(
            """
            UPDATE payment_operations
               SET status = :status, gateway_ref = COALESCE(:ref, gateway_ref),
                   failure_code = :failure, attempts = attempts + 1, updated_at = :now,
                   lease_until = CASE WHEN :settled THEN NULL ELSE lease_until END
             WHERE id = :id AND status IN ('processing', 'unknown')
            RETURNING
            """
                + COLUMNS)
        .param("status", status.dbName())
        .param("ref", gatewayRef)
        .param("failure", failureCode)
        .param("now", now)
        .param("settled", status.settled())
        .param("id", id.value())
        .query(OperationRepository::map)
        .optional();
  }

  static Operation map(ResultSet rs, int row) throws SQLException {
    return new Operation(
        new OperationId(rs.getObject("id", UUID.class)),
        new MerchantId(rs.getObject("merchant_id", UUID.class)),
        new PaymentId(rs.getObject("payment_id", UUID.class)),
        OperationKind.fromDb(rs.getString("kind")),
        OperationStatus.fromDb(rs.getString("status")),
        rs.getLong("amount"),
        rs.getString("gateway_ref"),
        rs.getString("failure_code"),
        rs.getInt("attempts"),
        PaymentRepository.utc(rs.getObject("lease_until", OffsetDateTime.class)),
        PaymentRepository.utc(rs.getObject("created_at", OffsetDateTime.class)),
        PaymentRepository.utc(rs.getObject("updated_at", OffsetDateTime.class)));
  }
}
