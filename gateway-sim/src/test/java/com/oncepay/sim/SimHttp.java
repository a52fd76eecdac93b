package com.oncepay.sim;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small real-HTTP client for the simulator, as the server's adapter would talk to it. */
final class SimHttp implements AutoCloseable {

  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

  /** A status and the exact body bytes; replayed = had {@code Idempotent-Replayed: true}. */
  record Answer(int status, byte[] body, boolean replayed) {
    JsonNode json() {
      return JSON.readTree(body);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String errorCode() {
      return json().path("error").path("code").asString();
    }

    boolean sameAs(Answer other) {
      return status == other.status && Arrays.equals(body, other.body);
    }

    @Override
    public String toString() {
      return status + " " + text();
    }
  }

  private final HttpClient client;
  private final URI base;

  SimHttp(URI base) {
    this.base = base;
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  static String chargeBody(long amount, String paymentMethod, boolean capture, String reference) {
    return """
    {"amount":%d,"currency":"EUR","payment_method":"%s","capture":%s,"reference":"%s",\
    "order_reference":"ord_%s"}\
    """
        .formatted(amount, paymentMethod, capture, reference, reference);
  }

  Answer post(String path, String idempotencyKey, String body) {
    return post(path, idempotencyKey, body, DEFAULT_TIMEOUT);
  }

  /** Throws {@link java.net.http.HttpTimeoutException} (unchecked-wrapped) when too slow. */
  Answer post(String path, String idempotencyKey, String body, Duration timeout) {
    var request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return send(request.build());
  }

  Answer get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).timeout(DEFAULT_TIMEOUT).GET().build());
  }

  Answer send(HttpRequest request) {
    try {
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      boolean replayed =
          response.headers().firstValue("Idempotent-Replayed").orElse("").equals("true");
      return new Answer(response.statusCode(), response.body(), replayed);
    } catch (IOException e) {
      throw new SimHttpException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SimHttpException(e);
    }
  }

  static final class SimHttpException extends RuntimeException {
    SimHttpException(Exception cause) {
      super(cause);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
