package com.oncepay.merchantevents;

import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code webhook_deliveries} table: every delivery attempt of an event and how it went. */
@Repository
class DeliveryLog {

  private static final String COLUMNS =
      "event_id, attempt, url, status_code, error, duration_ms, attempted_at";
  private static final int MAX_ERROR = 500;

  private final JdbcClient jdbc;

  DeliveryLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Appends one attempt, in its own short statement (no transaction held). */
  void record(DeliveryAttempt attempt) {
    String error = attempt.error();
    if (error != null && error.length() > MAX_ERROR) {
      error = error.substring(0, MAX_ERROR);
    }
    jdbc.sql(
            "INSERT INTO webhook_deliveries ("
                + COLUMNS
                + ") VALUES (:event, :attempt, :url, :status, :error, :duration, :at)")
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
  List<DeliveryAttempt> of(EventId event) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
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
}
