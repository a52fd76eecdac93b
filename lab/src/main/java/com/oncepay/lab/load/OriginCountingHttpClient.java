package com.oncepay.lab.load;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The shared JDK client, seen through: every answer is counted by who gave it, HAProxy itself (its
 * error files carry {@code X-Oncepay-Balancer}) or oncepay. The client's attempt listener sees
 * statuses only, and a balancer's 503 and oncepay's 503 mean different things in a chaos report.
 */
final class OriginCountingHttpClient extends HttpClient {

  static final String BALANCER_HEADER = "X-Oncepay-Balancer";

  private final HttpClient http;
  private final ScenarioMetrics metrics;

  OriginCountingHttpClient(HttpClient http, ScenarioMetrics metrics) {
    this.http = http;
    this.metrics = metrics;
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    HttpResponse<T> response = http.send(request, handler);
    count(response);
    return response;
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return http.sendAsync(request, handler).thenApply(this::count);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> push) {
    return http.sendAsync(request, handler, push).thenApply(this::count);
  }

  private <T> HttpResponse<T> count(HttpResponse<T> response) {
    String balancer = response.headers().firstValue(BALANCER_HEADER).orElse(null);
    metrics.countOrigin(response.statusCode(), balancer);
    if (balancer == null && response.statusCode() >= 500 && response.statusCode() != 503) {
      // Never a promised answer: keep what it was for whoever fixes it.
      metrics.problem(
          "oncepay answered "
              + response.statusCode()
              + " to "
              + response.request().method()
              + " "
              + response.request().uri().getPath()
              + ": "
              + excerpt(response.body()));
    }
    return response;
  }

  private static String excerpt(Object body) {
    String text =
        body instanceof byte[] bytes
            ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
            : String.valueOf(body);
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return http.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return http.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return http.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return http.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return http.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return http.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return http.authenticator();
  }

  @Override
  public Version version() {
    return http.version();
  }

  @Override
  public Optional<Executor> executor() {
    return http.executor();
  }
}
