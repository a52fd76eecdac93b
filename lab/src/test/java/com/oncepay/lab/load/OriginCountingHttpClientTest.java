package com.oncepay.lab.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OriginCountingHttpClientTest {

  private HttpServer server;

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void answersCarryingTheBalancerHeaderAreHaproxysAndTheRestOncepays() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          boolean balancer = exchange.getRequestURI().getPath().contains("down");
          if (exchange.getRequestURI().getPath().contains("broken")) {
            byte[] error = "{\"error\":{\"code\":\"internal_error\"}}".getBytes();
            exchange.sendResponseHeaders(500, error.length);
            exchange.getResponseBody().write(error);
            exchange.close();
            return;
          }
          byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
          if (balancer) {
            exchange.getResponseHeaders().add("X-Oncepay-Balancer", "502");
          }
          exchange.sendResponseHeaders(balancer ? 503 : 201, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    ScenarioMetrics metrics = new ScenarioMetrics();
    URI target = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    try (HttpClient http = HttpClient.newHttpClient();
        Driver driver = new Driver(target, "sk", http, Duration.ofSeconds(5), 4, metrics, 1)) {
      driver.send("x", "POST", "/v1/orders", "k1", "{}".getBytes(StandardCharsets.UTF_8));
      driver.send("x", "POST", "/down", "k2", "{}".getBytes(StandardCharsets.UTF_8));
      driver.send("x", "POST", "/down", "k3", "{}".getBytes(StandardCharsets.UTF_8));
      driver.send("x", "POST", "/v1/broken", "k4", "{}".getBytes(StandardCharsets.UTF_8));
      // The lab's own polling is counted nowhere.
      driver.quiet().send("GET", "/v1/orders/o", null, null);
    }
    assertThat(metrics.balancerStatusCounts()).isEqualTo(Map.of("502", 2L));
    assertThat(metrics.oncepayStatusCounts()).isEqualTo(Map.of("201", 1L, "500", 1L));
    assertThat(metrics.statusCounts()).isEqualTo(Map.of("201", 1L, "500", 1L, "503", 2L));
    assertThat(metrics.problems())
        .containsExactly(
            "oncepay answered 500 to POST /v1/broken: {\"error\":{\"code\":\"internal_error\"}}");
  }
}
