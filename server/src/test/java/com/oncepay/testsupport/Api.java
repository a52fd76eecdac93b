package com.oncepay.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the API under test: real sockets, real status codes and bytes. */
public final class Api {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final URI base;
  private final String apiKey;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .executor(Executors.newVirtualThreadPerTaskExecutor())
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  public Api(URI base, String apiKey) {
    this.base = base;
    this.apiKey = apiKey;
  }

  public Api withKey(String otherKey) {
    return new Api(base, otherKey);
  }

  public Resp post(String path, String idempotencyKey, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return send(request.build());
  }

  public Resp put(String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body));
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    return send(request.build());
  }

  public Resp delete(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)).DELETE();
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    return send(request.build());
  }

  public Resp get(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)).GET();
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    return send(request.build());
  }

  public Resp send(HttpRequest request) {
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Resp(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("Idempotent-Replayed").isPresent(),
          response.headers().firstValue("Retry-After").orElse(null));
    } catch (IOException e) {
      throw new IllegalStateException(request.uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Creates an order and returns its id. */
  public String createOrder(String cartId, long amount) {
    Resp r =
        post(
            "/v1/orders",
            "order-" + cartId,
            "{\"cart_id\":\"" + cartId + "\",\"amount\":" + amount + ",\"currency\":\"EUR\"}");
    if (r.status() != 201 && r.status() != 200) {
      throw new IllegalStateException("create order: " + r);
    }
    return r.json().get("id").asString();
  }

  /** Pays an order with {@code paymentMethod}, under the key {@code pay-<order>}. */
  public Resp pay(String order, String paymentMethod) {
    return post(
        "/v1/orders/" + order + "/payments",
        "pay-" + order,
        "{\"payment_method\":\"" + paymentMethod + "\"}");
  }

  /** Creates an order, pays it with automatic capture, and returns the payment id. */
  public String capturedPayment(String cartId, long amount) {
    String order = createOrder(cartId, amount);
    Resp r =
        post(
            "/v1/orders/" + order + "/payments", "pay-" + cartId, "{\"payment_method\":\"pm_ok\"}");
    if (r.status() != 201) {
      throw new IllegalStateException("pay: " + r);
    }
    return r.json().get("id").asString();
  }

  public record Resp(int status, byte[] body, boolean replayed, String retryAfter) {
    public JsonNode json() {
      return JSON.readTree(body);
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public String errorCode() {
      return json().path("error").path("code").asString();
    }

    @Override
    public String toString() {
      return status + (replayed ? " (replayed) " : " ") + text();
    }
  }
}
