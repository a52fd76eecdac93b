package com.oncepay.gatewayevents;

import com.oncepay.gateway.GatewayEvent;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code gateway_events} table: every gateway webhook received, once. The primary key {@code
 * (gateway, event_id)} makes a duplicate delivery a no-op; the outcome says what applying it did.
 */
@Repository
public class GatewayEventRepository {

  private final JdbcClient jdbc;

  GatewayEventRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records the event as received, in the caller's transaction.
   *
   * @return false when it had been received before (a duplicate)
   */
  boolean insertIfNew(GatewayEvent event, byte[] payload, OffsetDateTime now) {
    int inserted =
        jdbc.sql(
                """
                INSERT INTO gateway_events (gateway, event_id, type, charge_id, outcome,
                                            payload, received_at)
                VALUES (:gateway, :event, :type, :charge, :outcome, :payload::jsonb, :now)
                ON CONFLICT (gateway, event_id) DO NOTHING
                """)
            .param("gateway", event.gateway())
            .param("event", event.eventId())
            .param("type", event.type())
            .param("charge", event.chargeId())
            .param("outcome", GatewayEventOutcome.IGNORED.dbName())
            .param("payload", new String(payload, StandardCharsets.UTF_8))
            .param("now", now)
            .update();
    return inserted == 1;
  }

  /**
   * How many received events contradicted what we knew (flagged for operators). Read through the
   * partial index {@code gateway_events_flagged}; the outcome is a literal so the planner can.
   */
  public long countFlagged() {
    return jdbc.sql(
            "SELECT count(*) FROM gateway_events WHERE outcome = '%s'"
                .formatted(GatewayEventOutcome.FLAGGED.dbName()))
        .query(Long.class)
        .single();
  }

  /** What applying the event did, and the payment it concerned (if it named one of ours). */
  void recordOutcome(GatewayEvent event, GatewayEventOutcome outcome, String note, UUID payment) {
    int updated =
        jdbc.sql(
                "UPDATE gateway_events SET outcome = :outcome, note = :note, payment_id = :payment"
                    + " WHERE gateway = :gateway AND event_id = :event")
            .param("outcome", outcome.dbName())
            .param("note", note)
            .param("payment", payment)
            .param("gateway", event.gateway())
            .param("event", event.eventId())
            .update();
    com.oncepay.persistence.RowCounts.exactlyOne(updated, "gateway event " + event.eventId());
  }
}
