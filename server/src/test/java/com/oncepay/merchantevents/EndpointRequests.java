package com.oncepay.merchantevents;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/** The PUT and DELETE requests the shared test client has no shortcut for. */
final class EndpointRequests {

  private EndpointRequests() {}

  static HttpRequest put(int port, String apiKey, String body) {
    return builder(port, apiKey)
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  static HttpRequest delete(int port, String apiKey) {
    return builder(port, apiKey).DELETE().build();
  }

  private static HttpRequest.Builder builder(int port, String apiKey) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + WebhookEndpointController.PATH))
            .timeout(Duration.ofSeconds(30));
    if (apiKey != null) {
      builder.header("Authorization", "Bearer " + apiKey);
    }
    return builder;
  }
}
