package com.oncepay.merchantevents;

import java.time.OffsetDateTime;

/**
 * A merchant's endpoint as the API shows it, secret included: the merchant needs it to verify.
 * After a rotation, {@code previous_secret_expires_at} says until when the replaced secret signs
 * too (null when no rotation kept one); the replaced secret itself is never shown again.
 */
record WebhookEndpointView(
    String object,
    String url,
    String secret,
    OffsetDateTime previousSecretExpiresAt,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  static WebhookEndpointView of(WebhookEndpoint endpoint) {
    return new WebhookEndpointView(
        "webhook_endpoint",
        endpoint.url(),
        endpoint.secret(),
        endpoint.previousSecretExpiresAt(),
        endpoint.createdAt(),
        endpoint.updatedAt());
  }

  record Deleted(String object, boolean deleted) {}

  static Deleted deleted() {
    return new Deleted("webhook_endpoint", true);
  }
}
