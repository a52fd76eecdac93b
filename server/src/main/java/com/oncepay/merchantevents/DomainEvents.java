package com.oncepay.merchantevents;

import com.oncepay.merchant.MerchantId;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
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

  private final EventStore store;
  private final EventObjectRenderer renderer;

  public DomainEvents(EventStore store, EventObjectRenderer renderer) {
    this.store = store;
    this.renderer = renderer;
  }

  /**
   * One event about an object.
   *
   * @param objectId the API id of the object the event is about ({@code ord_…}, {@code pay_…},
   *     {@code re_…})
   * @param subject the object (order, payment, refund) as it is now; its API view becomes {@code
   *     data.object}
   */
  public record Emitted(EventType type, String objectId, Object subject) {}

  @Transactional(propagation = Propagation.MANDATORY)
  public UUID emit(
      MerchantId merchant, EventType type, String objectId, Object subject, OffsetDateTime now) {
    return emit(merchant, now, List.of(new Emitted(type, objectId, subject))).getFirst();
  }

  /**
   * Several events of one state change (a payment captured and its order paid), written in one
   * statement with their deliveries, in this order.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public List<UUID> emit(MerchantId merchant, OffsetDateTime now, List<Emitted> emitted) {
    List<EventStore.NewEvent> rows =
        emitted.stream()
            .map(
                e ->
                    new EventStore.NewEvent(
                        UUID.randomUUID(), e.type(), e.objectId(), renderer.render(e.subject())))
            .toList();
    store.insertAndQueueDelivery(merchant, rows, now);
    return rows.stream().map(EventStore.NewEvent::id).toList();
  }
}
