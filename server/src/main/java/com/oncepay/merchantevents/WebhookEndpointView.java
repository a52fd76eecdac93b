package com.oncepay.merchantevents;

import java.time.OffsetDateTime;

/**
 * A merchant's endpoint as the API shows it. The signing secret is shown only in the answer that
 * created it (a new endpoint, or a rotation), as an API key is: a plain read, or a PUT that keeps
 * the secret, shows {@code null}, so a leaked read key or a logged answer does not give it away.
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

  static WebhookEndpointView of(WebhookEndpoint endpoint, boolean withSecret) {
    return new WebhookEndpointView(
        "webhook_endpoint",
        endpoint.url(),
        withSecret ? endpoint.secret() : null,
        endpoint.previousSecretExpiresAt(),
        endpoint.createdAt(),
        endpoint.updatedAt());
  }

  record Deleted(String object, boolean deleted) {}

  static Deleted deleted() {
    return new Deleted("webhook_endpoint", true);
  }
}
