package com.oncepay.audit;

import com.oncepay.logging.LogContext;
import com.oncepay.persistence.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code audit_log} table, append-only: this class only INSERTs and SELECTs, and a trigger
 * refuses UPDATE, DELETE and TRUNCATE to anyone (V8). An entry is written in the transaction of the
 * change it records, so there is never a change without its entry, nor an entry for a change that
 * rolled back. The request id comes from the request's {@link LogContext}.
 */
@Repository
public class AuditLog {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JdbcClient jdbc;
  private final Clock clock;
  private final TransactionTemplate transactions;

  AuditLog(JdbcClient jdbc, Clock clock, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.transactions = transactions;
  }

  /** Records a change inside the caller's transaction; refuses to run outside one. */
  public void record(
      Actor actor,
      String action,
      String targetType,
      String targetId,
      UUID merchant,
      Map<String, Object> details) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException(
          "an audit entry is written in the transaction of its change; there is none");
    }
    Map<String, String> context = LogContext.snapshot();
    jdbc.sql(
            """
            INSERT INTO audit_log (occurred_at, actor, action, target_type, target_id,
                                   merchant_id, request_id, details)
            VALUES (:now, :actor, :action, :type, :target, :merchant, :request,
                    CAST(:details AS jsonb))
            """)
        .param("now", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
        .param("actor", actor.name())
        .param("action", action)
        .param("type", targetType)
        .param("target", targetId)
        .param("merchant", merchant)
        .param("request", context == null ? null : context.get(LogContext.REQUEST_ID))
        .param(
            "details",
            details == null || details.isEmpty() ? null : JSON.writeValueAsString(details))
        .update();
  }

  /**
   * Runs {@code change} and records it in one transaction (joining the caller's, if any), for code
   * that has no transaction of its own: the webhook endpoint's single-statement writes.
   */
  public <T> T change(
      Actor actor, String action, String targetType, UUID merchant, Supplier<T> change) {
    return transactions.execute(
        status -> {
          T result = change.get();
          record(actor, action, targetType, merchant.toString(), merchant, Map.of());
          return result;
        });
  }

  /** As {@link #change}, recording only when {@code change} says it changed something. */
  public boolean changeIf(
      Actor actor, String action, String targetType, UUID merchant, BooleanSupplier change) {
    return Boolean.TRUE.equals(
        transactions.execute(
            status -> {
              boolean changed = change.getAsBoolean();
              if (changed) {
                record(actor, action, targetType, merchant.toString(), merchant, Map.of());
              }
              return changed;
            }));
  }

  /** Entries after {@code afterId}, oldest first; of one merchant, or of all when null. */
  public List<AuditEntry> list(UUID merchant, long afterId, int limit) {
    return jdbc.sql(
            """
            SELECT id, occurred_at, actor, action, target_type, target_id, merchant_id,
                   request_id, details::text AS details
              FROM audit_log
             WHERE id > :after AND (CAST(:merchant AS uuid) IS NULL OR merchant_id = :merchant)
             ORDER BY id
             LIMIT :limit
            """)
        .param("after", afterId)
        .param("merchant", merchant)
        .param("limit", limit)
        .query(AuditLog::entry)
        .list();
  }

  @SuppressWarnings("unchecked")
  private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
    String details = rs.getString("details");
    return new AuditEntry(
        rs.getLong("id"),
        Timestamps.utc(rs, "occurred_at"),
        new Actor(rs.getString("actor")),
        rs.getString("action"),
        rs.getString("target_type"),
        rs.getString("target_id"),
        rs.getObject("merchant_id", UUID.class),
        rs.getString("request_id"),
        details == null ? Map.of() : JSON.readValue(details, Map.class));
  }
}
