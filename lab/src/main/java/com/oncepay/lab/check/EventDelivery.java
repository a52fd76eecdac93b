package com.oncepay.lab.check;

import java.time.Instant;
import java.util.Arrays;

/**
 * One merchant webhook whose signature the lab's receiver verified.
 *
 * @param objectId {@code data.object.id}: the order, payment or refund the event is about
 * @param objectStatus {@code data.object.status} at the moment of the event
 * @param body the raw body exactly as received: every delivery of one event id must repeat it
 */
public record EventDelivery(
    String eventId,
    String type,
    String objectId,
    String objectStatus,
    byte[] body,
    Instant arrivedAt) {

  public EventDelivery {
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  public EventKey key() {
    return new EventKey(type, objectId);
  }

  public boolean sameBody(EventDelivery other) {
    return Arrays.equals(body, other.body);
  }
}
