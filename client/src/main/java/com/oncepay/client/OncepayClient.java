package com.oncepay.client;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import tools.jackson.core.JacksonException;

/**
 * A client for the oncepay HTTP API that retries safely. Thread-safe; build one per API key and
 * share it.
 *
 * <p>Every POST belongs to one logical operation identified by its Idempotency-Key. Pass a key you
 * store with the operation (say, {@code "checkout-" + cartId}) and reuse it when the shop itself
 * retries later; the overloads without a key generate one per call. Within one call, every attempt
 * sends that same key and the same body bytes, so the server runs the operation at most once. See
 * {@link RetryPolicy} for what is retried.
 *
 * <p>Typed calls throw {@link OncepayApiException} for an error answer and {@link
 * OncepayConnectionException} when no attempt got an answer; {@link #send} returns the last answer
 * as it is.
 */
public final class OncepayClient implements AutoCloseable {

  private final SendWithRetries sender;
  private final HttpClient ownedHttpClient;
  private final ExecutorService ownedExecutor;

  private OncepayClient(
      SendWithRetries sender, HttpClient ownedHttpClient, ExecutorService ownedExecutor) {
    this.sender = sender;
    this.ownedHttpClient = ownedHttpClient;
    this.ownedExecutor = ownedExecutor;
  }

  /**
   * @param baseUrl where the service listens, such as {@code http://127.0.0.1:8080}
   * @param apiKey the merchant's API key, sent as {@code Authorization: Bearer}
   */
  public static Builder builder(URI baseUrl, String apiKey) {
    return new Builder(baseUrl, apiKey);
  }

  /** {@code POST /v1/orders}: 201 a new order, or 200 the cart's existing one. */
  public Order placeOrder(PlaceOrderRequest request, String idempotencyKey) {
    Objects.requireNonNull(request, "request");
    return post("/v1/orders", idempotencyKey, request, Order.class);
  }

  /** As {@link #placeOrder(PlaceOrderRequest, String)} with a key generated for this call. */
  public Order placeOrder(PlaceOrderRequest request) {
    return placeOrder(request, IdempotencyKeys.generate());
  }

  /** {@code GET /v1/orders/{id}}, with the order's payments. */
  public Order getOrder(String orderId) {
    return get("/v1/orders/" + segment(orderId), Order.class);
  }

  /**
   * {@code POST /v1/orders/{id}/payments}: the payment {@code authorized} or {@code captured}, or
   * {@code processing} when async. A decline throws {@link OncepayApiException} with code {@code
   * card_declined}.
   */
  public Payment pay(String orderId, PayRequest request, String idempotencyKey) {
    Objects.requireNonNull(request, "request");
    return post(
        "/v1/orders/" + segment(orderId) + "/payments", idempotencyKey, request, Payment.class);
  }

  /** As {@link #pay(String, PayRequest, String)} with a key generated for this call. */
  public Payment pay(String orderId, PayRequest request) {
    return pay(orderId, request, IdempotencyKeys.generate());
  }

  /**
   * {@code POST /v1/payments/{id}/capture}.
   *
   * @param amountOrNull minor units to capture; null captures the whole authorized amount
   */
  public Payment capture(String paymentId, Long amountOrNull, String idempotencyKey) {
    return post(
        "/v1/payments/" + segment(paymentId) + "/capture",
        idempotencyKey,
        new AmountBody(amountOrNull),
        Payment.class);
  }

  /** {@code POST /v1/payments/{id}/void}: releases an authorization that was not captured. */
  public Payment voidPayment(String paymentId, String idempotencyKey) {
    return post(
        "/v1/payments/" + segment(paymentId) + "/void",
        idempotencyKey,
        new AmountBody(null),
        Payment.class);
  }

  /**
   * {@code POST /v1/payments/{id}/refunds}.
   *
   * @param amountOrNull minor units to refund; null refunds what is left of the captured amount
   */
  public Refund refund(String paymentId, Long amountOrNull, String idempotencyKey) {
    return post(
        "/v1/payments/" + segment(paymentId) + "/refunds",
        idempotencyKey,
        new AmountBody(amountOrNull),
        Refund.class);
  }

  /** {@code GET /v1/payments/{id}}. */
  public Payment getPayment(String paymentId) {
    return get("/v1/payments/" + segment(paymentId), Payment.class);
  }

  /** {@code GET /v1/payments/{id}/refunds}. */
  public List<Refund> listRefunds(String paymentId) {
    return get("/v1/payments/" + segment(paymentId) + "/refunds", RefundList.class).data();
  }

  /**
   * A raw call with the same retry policy as the typed ones, for tools that must see exact statuses
   * and bytes. The key is sent verbatim (not validated or quoted), so malformed keys can be tested.
   *
   * @param path starting with {@code /}, such as {@code /v1/orders}
   * @return the last attempt's answer, whatever its status
   * @throws OncepayConnectionException when the last attempt got no answer
   */
  public ApiResult send(
      String method, String path, String idempotencyKeyOrNull, byte[] jsonBodyOrNull) {
    Objects.requireNonNull(method, "method");
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/'; got " + path);
    }
    return sender.send(
        new SendWithRetries.Call(
            method.toUpperCase(Locale.ROOT),
            path,
            idempotencyKeyOrNull,
            idempotencyKeyOrNull,
            jsonBodyOrNull));
  }

  /** Closes the HTTP client this client created; one passed to the builder is left open. */
  @Override
  public void close() {
    if (ownedHttpClient != null) {
      ownedHttpClient.close();
      ownedExecutor.close();
    }
  }

  private <T> T post(String path, String idempotencyKey, Object body, Class<T> type) {
    Objects.requireNonNull(
        idempotencyKey, "idempotencyKey (use the overload without a key to have one generated)");
    String header = IdempotencyKeys.headerValue(idempotencyKey);
    return call(
        new SendWithRetries.Call("POST", path, idempotencyKey, header, JsonCodec.write(body)),
        type);
  }

  private <T> T get(String path, Class<T> type) {
    return call(new SendWithRetries.Call("GET", path, null, null, null), type);
  }

  private <T> T call(SendWithRetries.Call call, Class<T> type) {
    ApiResult answer = sender.send(call);
    if (!answer.isSuccess()) {
      throw new OncepayApiException(
          call.method(),
          call.path(),
          call.idempotencyKey(),
          answer,
          sender.retryAfter(answer),
          RetryPolicy.isRetryable(answer));
    }
    try {
      return JsonCodec.read(answer.body(), type);
    } catch (JacksonException e) {
      throw OncepayApiException.unreadable(
          call.method(), call.path(), call.idempotencyKey(), answer, e);
    }
  }

  private static String segment(String id) {
    Objects.requireNonNull(id, "id");
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The body of capture, void and refund: {@code {"amount": n}}, or {@code {}} when null. */
  private record AmountBody(Long amount) {}

  private record RefundList(List<Refund> data) {
    RefundList {
      data = data == null ? List.of() : List.copyOf(data);
    }
  }

  /** Settings for an {@link OncepayClient}; every one has a default. */
  public static final class Builder {

    private final URI baseUrl;
    private final String apiKey;
    private int maxAttempts = 5;
    private Duration initialBackoff = Duration.ofMillis(100);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private HttpClient httpClient;
    private AttemptListener listener = AttemptListener.NONE;

    private Builder(URI baseUrl, String apiKey) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    }

    /** Attempts per call, the first included; 1 disables retries. Default 5. */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** The backoff ceiling before the first retry; it doubles per retry. Default 100 ms. */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
      return this;
    }

    /** The largest backoff ceiling; a longer Retry-After (up to 60 s) still wins. Default 5 s. */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
      return this;
    }

    /** How long one attempt may take before it counts as failed and is retried. Default 30 s. */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
      return this;
    }

    /**
     * The JDK client to send with; the caller keeps ownership. Default: HTTP/1.1 on virtual threads
     * with a 5 s connect timeout, closed by {@link OncepayClient#close()}.
     */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /** Told about every attempt, retries included. */
    public Builder listener(AttemptListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the setting to fix
     */
    public OncepayClient build() {
      String scheme = baseUrl.getScheme();
      if (!baseUrl.isAbsolute()
          || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
          || baseUrl.getHost() == null) {
        throw new IllegalArgumentException(
            "baseUrl must be an absolute http(s) URL such as http://127.0.0.1:8080; got "
                + baseUrl);
      }
      if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
        throw new IllegalArgumentException(
            "baseUrl must not carry a query or fragment; got " + baseUrl);
      }
      if (apiKey.isBlank()) {
        throw new IllegalArgumentException("apiKey must not be blank");
      }
      if (maxAttempts < 1) {
        throw new IllegalArgumentException(
            "maxAttempts must be at least 1 (1 = no retries); got " + maxAttempts);
      }
      requireNotNegative("initialBackoff", initialBackoff);
      requireNotNegative("maxBackoff", maxBackoff);
      if (requestTimeout.isZero() || requestTimeout.isNegative()) {
        throw new IllegalArgumentException(
            "requestTimeout must be positive; got " + requestTimeout);
      }
      HttpClient http = httpClient;
      ExecutorService executor = null;
      if (http == null) {
        executor = Executors.newVirtualThreadPerTaskExecutor();
        http =
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
      }
      // Each call draws its jitter from the calling thread's generator: no shared contended state.
      RandomGenerator jitter = () -> ThreadLocalRandom.current().nextLong();
      RetryPolicy policy = new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, jitter);
      SendWithRetries sender =
          new SendWithRetries(
              http, baseUrl, apiKey, requestTimeout, policy, listener, Clock.systemUTC());
      return new OncepayClient(sender, httpClient == null ? http : null, executor);
    }

    private static void requireNotNegative(String name, Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative; got " + value);
      }
    }
  }
}
