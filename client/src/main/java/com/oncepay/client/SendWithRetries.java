package com.oncepay.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/**
 * Sends one call: attempts, reports each to the listener, and waits between them as {@link
 * RetryPolicy} says. The request is built once, so every attempt carries the same Idempotency-Key
 * header and the same body bytes; that is what makes the retries safe.
 */
final class SendWithRetries {

  /** One logical call. {@code idempotencyHeader} is the key as sent on the wire. */
  record Call(
      String method, String path, String idempotencyKey, String idempotencyHeader, byte[] body) {}

  private final HttpClient http;
  private final String baseUrl;
  private final String authorization;
  private final Duration requestTimeout;
  private final RetryPolicy policy;
  private final AttemptListener listener;
  private final Clock clock;

  SendWithRetries(
      HttpClient http,
      URI baseUrl,
      String apiKey,
      Duration requestTimeout,
      RetryPolicy policy,
      AttemptListener listener,
      Clock clock) {
    this.http = http;
    String base = baseUrl.toString();
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.authorization = "Bearer " + apiKey;
    this.requestTimeout = requestTimeout;
    this.policy = policy;
    this.listener = listener;
    this.clock = clock;
  }

  /**
   * The last attempt's answer, whatever its status.
   *
   * @throws OncepayConnectionException when the last attempt got no answer, or the thread was
   *     interrupted (the interrupt flag is kept)
   */
  ApiResult send(Call call) {
    HttpRequest request = request(call);
    for (int attempt = 1; ; attempt++) {
      long start = System.nanoTime();
      HttpResponse<byte[]> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        // Connection refused or dropped, or a timeout: the server may have acted, and only a
        // retry with the same key can tell us how.
        report(call, attempt, -1, start, e);
        if (!policy.mayRetryAfter(attempt)) {
          throw failed(call, attempt, e);
        }
        pause(call, attempt, policy.delayAfter(attempt, null));
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        report(call, attempt, -1, start, e);
        throw failed(call, attempt, e);
      }
      report(call, attempt, response.statusCode(), start, null);
      ApiResult answer = answer(response, attempt);
      if (!policy.mayRetryAfter(attempt) || !RetryPolicy.isRetryable(answer)) {
        return answer;
      }
      pause(call, attempt, policy.delayAfter(attempt, retryAfter(answer)));
    }
  }

  Duration retryAfter(ApiResult answer) {
    return RetryPolicy.retryAfter(answer, clock.instant());
  }

  private HttpRequest request(Call call) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + call.path()))
            .timeout(requestTimeout)
            .header("Authorization", authorization)
            .header("Accept", "application/json");
    if (call.idempotencyHeader() != null) {
      builder.header(IdempotencyKeys.HEADER, call.idempotencyHeader());
    }
    if (call.body() == null) {
      return builder.method(call.method(), HttpRequest.BodyPublishers.noBody()).build();
    }
    return builder
        .header("Content-Type", "application/json")
        .method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.body().clone()))
        .build();
  }

  private static ApiResult answer(HttpResponse<byte[]> response, int attempts) {
    boolean replayed =
        response.headers().firstValue("Idempotent-Replayed").orElse("").equalsIgnoreCase("true");
    return new ApiResult(
        response.statusCode(), response.body(), response.headers().map(), replayed, attempts);
  }

  private void report(Call call, int attempt, int status, long start, Throwable error) {
    listener.onAttempt(
        new Attempt(
            call.method(),
            call.path(),
            call.idempotencyKey(),
            attempt,
            status,
            start,
            System.nanoTime() - start,
            error));
  }

  private static void pause(Call call, int attempt, Duration delay) {
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(call, attempt, e);
    }
  }

  private static OncepayConnectionException failed(Call call, int attempts, Throwable cause) {
    return new OncepayConnectionException(
        call.method(), call.path(), call.idempotencyKey(), attempts, cause);
  }
}
