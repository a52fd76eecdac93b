package com.oncepay.merchantevents;

import java.time.OffsetDateTime;

/** A merchant's endpoint as the API shows it, secret included: the merchant needs it to verify. */
record WebhookEndpointView(
    String object, String url, String secret, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

  static WebhookEndpointView of(WebhookEndpoint endpoint) {
    return new WebhookEndpointView(
        "webhook_endpoint",
        endpoint.url(),
        endpoint.secret(),
        endpoint.createdAt(),
        endpoint.updatedAt());
  }

  record Deleted(String object, boolean deleted) {}

  static Deleted deleted() {
    return new Deleted("webhook_endpoint", true);
  }
}
