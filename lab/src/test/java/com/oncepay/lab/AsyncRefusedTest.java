package com.oncepay.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service that places orders but refuses {@code async: true} (as oncepay did before async
 * payments): webhook-race must end with exit status 2 and say why, not report anomalies.
 */
class AsyncRefusedTest {

  @TempDir Path dir;

  private HttpServer server;
  private final Map<String, String> carts = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void webhookRaceAgainstAServiceWithoutAsyncPaymentsExitsTwo() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        RaceLab.run(
            new String[] {
              "race",
              "--scenario",
              "webhook-race",
              "--target",
              "http://127.0.0.1:" + server.getAddress().getPort(),
              "--api-key",
              "sk_test",
              "--orders",
              "3",
              "--settle-timeout",
              "2",
              "--report-json",
              dir.resolve("r.json").toString(),
              "--quiet"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            Map.of());
    assertThat(status).isEqualTo(2);
    JsonNode report = JsonMapper.builder().build().readTree(dir.resolve("r.json").toFile());
    JsonNode section = report.get("scenarios").get(0);
    assertThat(section.get("completed").asBoolean()).isFalse();
    assertThat(section.get("error").asString())
        .contains("webhook-race needs asynchronous payments", "400 parameter_invalid");
    assertThat(report.get("anomaly_details").size()).isZero();
    assertThat(report.get("invariants_ok").asBoolean()).isFalse();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("run incomplete (exit 2)");
  }

  private static final Pattern ORDER = Pattern.compile("/v1/orders/(ord_[0-9]+)");

  private void handle(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Matcher order = ORDER.matcher(path);
    if (x.getRequestMethod().equals("POST") && path.equals("/v1/orders")) {
      Matcher cart = Pattern.compile("\"cart_id\":\"([^\"]+)\"").matcher(body);
      cart.find();
      String id = carts.computeIfAbsent(cart.group(1), c -> "ord_" + ids.incrementAndGet());
      reply(x, 201, order(id, cart.group(1)));
    } else if (x.getRequestMethod().equals("POST") && path.endsWith("/payments")) {
      reply(
          x,
          400,
          "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"parameter_invalid\","
              + "\"message\":\"Asynchronous payments are not available\",\"param\":\"async\"}}");
    } else if (x.getRequestMethod().equals("GET") && order.matches()) {
      String cart =
          carts.entrySet().stream()
              .filter(e -> e.getValue().equals(order.group(1)))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElse(null);
      if (cart == null) {
        reply(x, 404, "{\"error\":{\"code\":\"not_found\"}}");
      } else {
        reply(x, 200, order(order.group(1), cart));
      }
    } else {
      reply(x, 404, "{\"error\":{\"code\":\"not_found\"}}");
    }
  }

  private static String order(String id, String cart) {
    return "{\"id\":\""
        + id
        + "\",\"object\":\"order\",\"cart_id\":\""
        + cart
        + "\",\"amount\":1000,\"currency\":\"EUR\",\"status\":\"pending_payment\",\"version\":1,"
        + "\"payments\":[]}";
  }

  private static void reply(HttpExchange x, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(status, bytes.length);
    x.getResponseBody().write(bytes);
    x.close();
  }
}
