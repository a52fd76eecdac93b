package com.oncepay.events;

import com.oncepay.merchant.MerchantId;
import com.oncepay.outbox.JobKind;
import com.oncepay.outbox.OutboxRepository;
import com.oncepay.web.Json;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records domain events in the transaction of the state change they describe, and queues their
 * delivery when the merchant has an endpoint. Either the change and its event both commit, or
 * neither does: no event is lost and none describes a change that did not happen.
 */
@Component
public class DomainEvents {

  private final JdbcClient jdbc;
  private final OutboxRepository outbox;

  public DomainEvents(JdbcClient jdbc, OutboxRepository outbox) {
    this.jdbc = jdbc;
    this.outbox = outbox;
  }

  /**
   * @param objectId the API id of the object the event is about ({@code ord_…}, {@code pay_…},
   *     {@code re_…})
   * @param object the object's API view at this moment; it becomes {@code data.object}
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public UUID emit(
      MerchantId merchant, EventType type, String objectId, Object object, OffsetDateTime now) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            INSERT INTO domain_events (id, merchant_id, type, object_id, payload, created_at)
            VALUES (:id, :merchant, :type, :object, :payload::jsonb, :now)
            """)
        .param("id", id)
        .param("merchant", merchant.value())
        .param("type", type.wireName())
        .param("object", objectId)
        .param("payload", new String(Json.write(object), java.nio.charset.StandardCharsets.UTF_8))
        .param("now", now)
        .update();
    boolean hasEndpoint =
        jdbc.sql("SELECT EXISTS (SELECT 1 FROM webhook_endpoints WHERE merchant_id = :m)")
            .param("m", merchant.value())
            .query(Boolean.class)
            .single();
    if (hasEndpoint) {
      outbox.enqueue(JobKind.WEBHOOK, id, now, now);
    }
    return id;
  }
}
