package com.oncepay.merchantevents;

import java.time.OffsetDateTime;

/** One delivery attempt as {@code GET /v1/events/{id}/deliveries} shows it. */
record DeliveryView(
    String object,
    String event,
    int attempt,
    String url,
    Integer statusCode,
    String error,
    int durationMs,
    OffsetDateTime attemptedAt) {

  static DeliveryView of(DeliveryAttempt attempt) {
    return new DeliveryView(
        "webhook_delivery",
        attempt.event().toString(),
        attempt.attempt(),
        attempt.url(),
        attempt.statusCode(),
        attempt.error(),
        attempt.durationMs(),
        attempt.attemptedAt());
  }
}
