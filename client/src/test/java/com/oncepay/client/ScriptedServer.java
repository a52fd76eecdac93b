package com.oncepay.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on 127.0.0.1 that answers a programmed sequence of steps, one per request, and
 * records every request it receives. When the script runs out it answers 418, which the client
 * never retries, so a test that expected fewer requests fails on its assertions instead of hanging.
 */
final class ScriptedServer implements AutoCloseable {

  /** What the server does with one request. */
  sealed interface Step {}

  record Answer(int status, String body, Map<String, String> headers) implements Step {}

  /** Closes the connection without answering: the client sees an I/O error. */
  record Drop() implements Step {}

  /** Holds the request open until the server closes: the client's attempt times out. */
  record Stall() implements Step {}

  record Request(
      String method, String path, Map<String, List<String>> headers, byte[] body, long nanos) {

    String header(String name) {
      // com.sun.net.httpserver normalises names: first letter upper case, the rest lower case.
      String normalised = name.substring(0, 1).toUpperCase() + name.substring(1).toLowerCase();
      List<String> values = headers.get(normalised);
      return values == null ? null : values.getFirst();
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final Queue<Step> script = new ConcurrentLinkedQueue<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpServer server;

  private ScriptedServer(List<Step> steps) throws IOException {
    script.addAll(steps);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  static ScriptedServer start(Step... steps) throws IOException {
    return new ScriptedServer(List.of(steps));
  }

  static Answer answer(int status, String body, String... headerPairs) {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.put(headerPairs[i], headerPairs[i + 1]);
    }
    return new Answer(status, body, headers);
  }

  /** An API error as the server writes it, with Retry-After when {@code retryAfter} is not null. */
  static Answer error(int status, String type, String code, String retryAfter) {
    String body =
        """
        {"error":{"type":"%s","code":"%s","message":"Scripted %s."}}"""
            .formatted(type, code, code);
    return retryAfter == null
        ? answer(status, body)
        : answer(status, body, "Retry-After", retryAfter);
  }

  static Drop drop() {
    return new Drop();
  }

  static Stall stall() {
    return new Stall();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      requests.add(
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getRawPath(),
              Map.copyOf(exchange.getRequestHeaders()),
              body,
              System.nanoTime()));
      Step step = script.poll();
      switch (step) {
        case null -> send(exchange, 418, "{\"error\":{\"code\":\"script_exhausted\"}}", Map.of());
        case Answer answer -> send(exchange, answer.status(), answer.body(), answer.headers());
        case Drop drop -> {
          // Closing before any response header is sent drops the connection unanswered.
        }
        case Stall stall -> awaitClosing();
      }
    }
  }

  private void awaitClosing() {
    try {
      closing.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(
      HttpExchange exchange, int status, String body, Map<String, String> headers)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.close();
  }
}
