package com.oncepay.merchantevents;

import java.time.OffsetDateTime;

/**
 * One try at delivering an event, as the delivery log keeps it. {@code statusCode} is null when no
 * HTTP answer came (refused, reset, timed out); {@code error} then says why.
 */
record DeliveryAttempt(
    EventId event,
    int attempt,
    String url,
    Integer statusCode,
    String error,
    int durationMs,
    OffsetDateTime attemptedAt) {

  boolean delivered() {
    return statusCode != null && statusCode >= 200 && statusCode < 300;
  }
}
