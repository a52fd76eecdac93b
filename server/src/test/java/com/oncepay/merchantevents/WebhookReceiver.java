package com.oncepay.merchantevents;

import com.oncepay.signing.StandardWebhookSignature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A merchant's endpoint for tests: a real HTTP server on 127.0.0.1 that records every request
 * (path, headers, body, arrival time) and answers 200, unless told otherwise for an event: answer
 * some other status, or say nothing for a while.
 */
final class WebhookReceiver implements AutoCloseable {

  static final String PATH = "/hooks";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What to do with one request. */
  sealed interface Action {}

  record Answer(int status) implements Action {}

  /** Answer nothing for {@code duration} (then 200, to a client that is long gone). */
  record Hang(Duration duration) implements Action {}

  record Received(String path, Map<String, String> headers, byte[] body, Instant at) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The Standard Webhooks message id, which oncepay sets to the event id. */
    String eventId() {
      return header(StandardWebhookSignature.ID_HEADER);
    }

    JsonNode json() {
      return JSON.readTree(body);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Action>> scripts = new ConcurrentHashMap<>();
  private final CountDownLatch closing = new CountDownLatch(1);

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
  }

  /** The next requests carrying this event id get these actions, in order; later ones get 200. */
  void script(String eventId, Action... actions) {
    scripts.put(eventId, new ConcurrentLinkedDeque<>(List.of(actions)));
  }

  List<Received> all() {
    return List.copyOf(received);
  }

  List<Received> forEvent(String eventId) {
    return received.stream().filter(r -> eventId.equals(r.eventId())).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readAllBytes();
      Map<String, String> headers = new ConcurrentHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.getFirst()));
      received.add(new Received(exchange.getRequestURI().getPath(), headers, body, Instant.now()));
      Action action = next(headers.get(StandardWebhookSignature.ID_HEADER));
      int status = 200;
      switch (action) {
        case Answer answer -> status = answer.status();
        case Hang hang -> {
          closing.await(hang.duration().toMillis(), TimeUnit.MILLISECONDS);
        }
      }
      if (status >= 300 && status < 400) {
        exchange.getResponseHeaders().add("Location", "/elsewhere");
      }
      exchange.sendResponseHeaders(status, -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The client gave up (timed out) before the answer: exactly what a hang is for.
    }
  }

  private Action next(String eventId) {
    Deque<Action> script = eventId == null ? null : scripts.get(eventId);
    Action action = script == null ? null : script.pollFirst();
    return action == null ? new Answer(200) : action;
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
