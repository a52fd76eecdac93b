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

  /** An event to record: its id, type, object and rendered payload. */
  record NewEvent(UUID id, EventType type, String objectId, byte[] payloadJson) {}

  /**
   * Records the events and, when the merchant has an endpoint, queues their deliveries and wakes
   * the workers: one statement, so a state change's events cost one round trip whatever they set
   * off. In the caller's transaction; the unique (object, type) index refuses a second of a kind.
   */
  void insertAndQueueDelivery(MerchantId merchant, List<NewEvent> events, OffsetDateTime now) {
    var statement =
        jdbc.sql(insertAndQueue(events.size()))
            .param("merchant", merchant.value())
            .param("now", now)
            .param("jobKind", JobKind.WEBHOOK.dbName())
            .param("jobReady", OutboxRepository.jobReady())
            .param("jobNow", now);
    for (int i = 0; i < events.size(); i++) {
      NewEvent event = events.get(i);
      statement =
          statement
              .param("id" + i, event.id())
              .param("type" + i, event.type().wireName())
              .param("object" + i, event.objectId())
              .param("payload" + i, new String(event.payloadJson(), StandardCharsets.UTF_8));
    }
    statement.query().singleRow();
  }

  private static final String INSERT_AND_QUEUE =
      """
      WITH event AS (
        INSERT INTO domain_events (id, merchant_id, type, object_id, payload, created_at)
        VALUES %%s
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

  /** A state change has one or two events: their statements are built once, not per call. */
  private static final List<String> INSERT_AND_QUEUE_BY_COUNT =
      List.of(insertAndQueueSql(1), insertAndQueueSql(2));

  private static String insertAndQueue(int events) {
    return events <= INSERT_AND_QUEUE_BY_COUNT.size()
        ? INSERT_AND_QUEUE_BY_COUNT.get(events - 1)
        : insertAndQueueSql(events);
  }

  private static String insertAndQueueSql(int events) {
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < events; i++) {
      values
          .append(i == 0 ? "" : ", ")
          .append(
              "(:id%1$d, :merchant, :type%1$d, :object%1$d, :payload%1$d::jsonb, :now)"
                  .formatted(i));
    }
    return INSERT_AND_QUEUE.formatted(values);
  }

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
