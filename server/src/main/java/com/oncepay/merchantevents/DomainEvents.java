package com.oncepay.merchantevents;

import com.oncepay.merchant.MerchantId;
import java.time.OffsetDateTime;
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
   * @param objectId the API id of the object the event is about ({@code ord_…}, {@code pay_…},
   *     {@code re_…})
   * @param subject the object (order, payment, refund) as it is now; its API view becomes {@code
   *     data.object}
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public UUID emit(
      MerchantId merchant, EventType type, String objectId, Object subject, OffsetDateTime now) {
    UUID id = UUID.randomUUID();
    store.insertAndQueueDelivery(id, merchant, type, objectId, renderer.render(subject), now);
    return id;
  }
}
