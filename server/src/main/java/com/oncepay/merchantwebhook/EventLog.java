package com.oncepay.merchantwebhook;

import com.oncepay.merchant.MerchantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the domain events (written by {@code DomainEvents} in the business transactions) and keeps
 * the log of their delivery attempts.
 */
@Repository
class EventLog {

  private static final String EVENT_COLUMNS =
      "id, merchant_id, type, object_id, payload::text AS payload, created_at";
  private static final String DELIVERY_COLUMNS =
      "event_id, attempt, url, status_code, error, duration_ms, attempted_at";
  private static final int MAX_ERROR = 500;

  private final JdbcClient jdbc;

  EventLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Any merchant's event: for the delivery worker, which learns the merchant from the row. */
  Optional<StoredEvent> find(EventId id) {
    return jdbc.sql("SELECT " + EVENT_COLUMNS + " FROM domain_events WHERE id = :id")
        .param("id", id.value())
        .query(EventLog::mapEvent)
        .optional();
  }

  Optional<StoredEvent> find(MerchantId merchant, EventId id) {
    return jdbc.sql(
            "SELECT "
                + EVENT_COLUMNS
                + " FROM domain_events WHERE id = :id AND merchant_id = :merchant")
        .param("id", id.value())
        .param("merchant", merchant.value())
        .query(EventLog::mapEvent)
        .optional();
  }

  /** The merchant's newest events first; ties (events of one transaction) by id. */
  List<StoredEvent> latest(MerchantId merchant, int limit) {
    return jdbc.sql(
            "SELECT "
                + EVENT_COLUMNS
                + " FROM domain_events WHERE merchant_id = :merchant"
                + " ORDER BY created_at DESC, id DESC LIMIT :limit")
        .param("merchant", merchant.value())
        .param("limit", limit)
        .query(EventLog::mapEvent)
        .list();
  }

  /** Appends one attempt to the delivery log, in its own short statement (no transaction held). */
  void record(DeliveryAttempt attempt) {
    String error = attempt.error();
    if (error != null && error.length() > MAX_ERROR) {
      error = error.substring(0, MAX_ERROR);
    }
    jdbc.sql(
            "INSERT INTO webhook_deliveries ("
                + DELIVERY_COLUMNS
                + ")"
                + " VALUES (:event, :attempt, :url, :status, :error, :duration, :at)")
        .param("event", attempt.event().value())
        .param("attempt", attempt.attempt())
        .param("url", attempt.url())
        .param("status", attempt.statusCode(), Types.INTEGER)
        .param("error", error)
        .param("duration", attempt.durationMs())
        .param("at", attempt.attemptedAt())
        .update();
  }

  /** An event's delivery attempts, oldest first. */
  List<DeliveryAttempt> deliveries(EventId event) {
    return jdbc.sql(
            "SELECT "
                + DELIVERY_COLUMNS
                + " FROM webhook_deliveries WHERE event_id = :event ORDER BY attempted_at, id")
        .param("event", event.value())
        .query(
            (rs, n) ->
                new DeliveryAttempt(
                    new EventId(rs.getObject("event_id", UUID.class)),
                    rs.getInt("attempt"),
                    rs.getString("url"),
                    rs.getObject("status_code", Integer.class),
                    rs.getString("error"),
                    rs.getInt("duration_ms"),
                    rs.getObject("attempted_at", OffsetDateTime.class)))
        .list();
  }

  private static StoredEvent mapEvent(ResultSet rs, int row) throws SQLException {
    return new StoredEvent(
        new EventId(rs.getObject("id", UUID.class)),
        new MerchantId(rs.getObject("merchant_id", UUID.class)),
        rs.getString("type"),
        rs.getString("object_id"),
        rs.getString("payload"),
        rs.getObject("created_at", OffsetDateTime.class));
  }
}
