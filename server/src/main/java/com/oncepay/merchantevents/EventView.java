package com.oncepay.merchantevents;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * An event as merchants see it, both in deliveries and on {@code GET /v1/events}: {@code
 * data.object} is the stored API view of the object at the moment of the event, copied as is. Field
 * order is fixed, so the same event always serializes to the same bytes.
 */
record EventView(String id, String object, String type, long created, Data data) {

  record Data(@JsonRawValue String object) {}

  /** The event's bytes as delivered: the same for every attempt. */
  static byte[] json(StoredEvent event) {
    return com.oncepay.web.Json.write(of(event));
  }

  static EventView of(StoredEvent event) {
    return new EventView(
        event.id().toString(),
        "event",
        event.type(),
        event.createdAt().toEpochSecond(),
        new Data(event.payloadJson()));
  }
}
