package com.oncepay.payment.store;

import com.oncepay.merchant.MerchantId;
import com.oncepay.payment.model.Operation;
import com.oncepay.payment.model.OperationEvent;
import com.oncepay.payment.model.OperationId;
import com.oncepay.payment.model.OperationKind;
import com.oncepay.payment.model.OperationStateMachine;
import com.oncepay.payment.model.OperationStatus;
import com.oncepay.payment.model.PaymentId;
import com.oncepay.persistence.DbEnum;
import com.oncepay.persistence.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code payment_operations} table: one row per call we make to the gateway, with the key the
 * gateway sees. The only class that writes SQL for it.
 */
@Repository
public class OperationRepository {

  private static final String COLUMNS =
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
      String owner,
      OffsetDateTime leaseUntil,
      OffsetDateTime now) {
    return jdbc.sql(
            """
            INSERT INTO payment_operations (id, merchant_id, payment_id, kind, status, amount,
                                            gateway_key, owner, lease_until, created_at,
                                            updated_at)
            VALUES (:id, :merchant, :payment, :kind, :status, :amount, :key, :owner, :lease,
                    :now, :now)
            RETURNING
            """
                + COLUMNS)
        .param("id", id.value())
        .param("merchant", merchant.value())
        .param("payment", payment.value())
        .param("kind", kind.dbName())
        .param("status", OperationStatus.PROCESSING.dbName())
        .param("amount", amount)
        .param("key", id.gatewayKey())
        .param("owner", owner)
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
      OperationEvent event,
      String gatewayRef,
      String failureCode,
      OffsetDateTime now) {
    OperationStatus status = OperationStateMachine.TABLE.target(event);
    return jdbc.sql(
            """
            UPDATE payment_operations
               SET status = :status, gateway_ref = COALESCE(:ref, gateway_ref),
                   failure_code = :failure, attempts = attempts + 1, updated_at = :now,
                   lease_until = CASE WHEN :settled THEN NULL ELSE lease_until END
             WHERE id = :id AND status IN (:from)
            RETURNING
            """
                + COLUMNS)
        .param("status", status.dbName())
        .param("from", OperationStateMachine.TABLE.sourceNames(event))
        .param("ref", gatewayRef)
        .param("failure", failureCode)
        .param("now", now)
        .param("settled", status.settled())
        .param("id", id.value())
        .query(OperationRepository::map)
        .optional();
  }

  /**
   * Operations nobody is finishing: still processing past their lease (the instance died between
   * claim and finalize, or mid-call), or unknown (in case the instance died before queueing their
   * resolution).
   */
  public List<OperationId> findStuck(OffsetDateTime now) {
    return jdbc.sql(
            """
            SELECT id FROM payment_operations
             WHERE status IN (%s) AND (status = :unknown OR lease_until < :now)
            """
                // Literal: the partial index payment_operations_unsettled repeats this list.
                .formatted(OperationStateMachine.TABLE.sourceList(OperationEvent.SUCCEEDED)))
        .param("unknown", OperationStatus.UNKNOWN.dbName())
        .param("now", now)
        .query((rs, n) -> new OperationId(rs.getObject("id", UUID.class)))
        .list();
  }

  /**
   * Operations still processing whose owner instance has gone silent: it died mid-call, so they are
   * resolved now rather than when their lease runs out.
   */
  public List<OperationId> findProcessingOwnedBy(Collection<String> owners) {
    if (owners.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            "SELECT id FROM payment_operations WHERE status = :processing AND owner IN (:owners)")
        .param("processing", OperationStatus.PROCESSING.dbName())
        .param("owners", owners)
        .query((rs, n) -> new OperationId(rs.getObject("id", UUID.class)))
        .list();
  }

  /** How many operations are unknown, and when the oldest of them started (null when none). */
  public record UnknownOperations(long count, OffsetDateTime oldestCreatedAt) {}

  /**
   * The operations whose outcome is being resolved, for the gauges that watch recovery. The status
   * is a literal so the planner reads the small partial index {@code payment_operations_unsettled}
   * rather than the table.
   */
  public UnknownOperations unknown() {
    return jdbc.sql(
            "SELECT count(*) AS n, min(created_at) AS oldest FROM payment_operations"
                + " WHERE status = '%s'".formatted(OperationStatus.UNKNOWN.dbName()))
        .query((rs, n) -> new UnknownOperations(rs.getLong("n"), Timestamps.utc(rs, "oldest")))
        .single();
  }

  private static Operation map(ResultSet rs, int row) throws SQLException {
    return new Operation(
        new OperationId(rs.getObject("id", UUID.class)),
        new MerchantId(rs.getObject("merchant_id", UUID.class)),
        new PaymentId(rs.getObject("payment_id", UUID.class)),
        DbEnum.fromDb(OperationKind.class, rs.getString("kind")),
        DbEnum.fromDb(OperationStatus.class, rs.getString("status")),
        rs.getLong("amount"),
        rs.getString("gateway_ref"),
        rs.getString("failure_code"),
        rs.getInt("attempts"),
        Timestamps.utc(rs, "lease_until"),
        Timestamps.utc(rs, "created_at"),
        Timestamps.utc(rs, "updated_at"));
  }
}
