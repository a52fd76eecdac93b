package com.oncepay.merchantevents;

import com.oncepay.merchant.MerchantId;
import com.oncepay.outbox.JobKind;
import com.oncepay.outbox.OutboxRepository;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code domain_events} table, and the only class that writes SQL for it: events are written in
 * the business transactions (through {@link DomainEvents}) and read by the delivery worker and the
 * events API.
 */
@Repository
class EventStore {

  private static final String COLUMNS =
      "id, merchant_id, type, object_id, payload::text AS payload, created_at";

  private final JdbcClient jdbc;

  EventStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records the event and, when the merchant has an endpoint, queues its delivery and wakes the
   * workers: one statement, so an event costs one round trip whatever it sets off. In the caller's
   * transaction; the unique (object, type) index refuses a second of a kind.
   */
  void insertAndQueueDelivery(
      UUID id,
      MerchantId merchant,
      EventType type,
      String objectId,
      byte[] payloadJson,
      OffsetDateTime now) {
    jdbc.sql(INSERT_AND_QUEUE)
        .param("id", id)
        .param("merchant", merchant.value())
        .param("type", type.wireName())
        .param("object", objectId)
        .param("payload", new String(payloadJson, StandardCharsets.UTF_8))
        .param("now", now)
        .param("jobKind", JobKind.WEBHOOK.dbName())
        .param("jobReady", OutboxRepository.jobReady())
        .param("jobNow", now)
        .query()
        .singleRow();
  }

  private static final String INSERT_AND_QUEUE =
      """
      WITH event AS (
        INSERT INTO domain_events (id, merchant_id, type, object_id, payload, created_at)
        VALUES (:id, :merchant, :type, :object, :payload::jsonb, :now)
        RETURNING id, merchant_id),
      queued AS (%s)
      %s
      """
          .formatted(
              OutboxRepository.enqueueEachSql(
                  "event.id",
                  "event",
                  WebhookEndpointRepository.hasEndpointSql("event.merchant_id")),
              OutboxRepository.notifyIfAnySql("queued"));

  /** Any merchant's event: for the delivery worker, which learns the merchant from the row. */
  Optional<StoredEvent> find(EventId id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM domain_events WHERE id = :id")
        .param("id", id.value())
        .query(EventStore::map)
        .optional();
  }

  Optional<StoredEvent> find(MerchantId merchant, EventId id) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM domain_events WHERE id = :id AND merchant_id = :merchant")
        .param("id", id.value())
        .param("merchant", merchant.value())
        .query(EventStore::map)
        .optional();
  }

  /** The merchant's newest events first; ties (events of one transaction) by id. */
  List<StoredEvent> latest(MerchantId merchant, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM domain_events WHERE merchant_id = :merchant"
                + " ORDER BY created_at DESC, id DESC LIMIT :limit")
        .param("merchant", merchant.value())
        .param("limit", limit)
        .query(EventStore::map)
        .list();
  }

  private static StoredEvent map(ResultSet rs, int row) throws SQLException {
    return new StoredEvent(
        new EventId(rs.getObject("id", UUID.class)),
        new MerchantId(rs.getObject("merchant_id", UUID.class)),
        rs.getString("type"),
        rs.getString("object_id"),
        rs.getString("payload"),
        rs.getObject("created_at", OffsetDateTime.class));
  }
}
