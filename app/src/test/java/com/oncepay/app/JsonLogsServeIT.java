package com.oncepay.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.testsupport.Api;
import com.oncepay.testsupport.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ONCEPAY_LOG_FORMAT=json} on the packaged app, the way a log collector sees it: every line
 * the process writes is one JSON object (the start-up announcement too), the API key given in
 * ONCEPAY_BOOTSTRAP_API_KEY is in none of them, and a request's line carries its ids. A value that
 * is neither text nor json stops start-up with a message that says what to fix.
 */
class JsonLogsServeIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String KEY =
      "sk_test_json_logs_" + UUID.randomUUID().toString().substring(0, 8);

  @TempDir Path home;
  private Process server;

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null && server.isAlive()) {
      server.destroyForcibly();
      server.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void everyLineIsOneJsonObjectWithTheIdsOfItsRequest() throws Exception {
    int port = ServeProcess.freePort();
    Map<String, String> env =
        Map.of(
            "ONCEPAY_PORT", Integer.toString(port),
            "ONCEPAY_DB_URL", TestPostgres.createDatabase(),
            "ONCEPAY_DB_USER", TestPostgres.user(),
            "ONCEPAY_BOOTSTRAP_API_KEY", KEY,
            "ONCEPAY_HOME", home.toString(),
            "ONCEPAY_LOG_FORMAT", "json");
    Api api = new Api(URI.create("http://127.0.0.1:" + port), KEY);
    Path log = home.resolve("serve.log");
    server = ServeProcess.start(env, api, log);

    String order = api.createOrder("cart-" + UUID.randomUUID(), 900);
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> read =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/orders/" + order))
                  .header("Authorization", "Bearer " + KEY)
                  .header("X-Request-Id", "json-serve-1")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(read.headers().firstValue("X-Request-Id")).hasValue("json-serve-1");
    }
    // A graceful stop, so the shutdown's lines are in the log too.
    server.destroy();
    assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();

    List<String> raw = Files.readAllLines(log, StandardCharsets.UTF_8);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : raw) {
      assertThat(line).as("every line is a JSON object").startsWith("{").endsWith("}");
      lines.add(JSON.readTree(line));
    }
    assertThat(lines).allMatch(l -> l.has("@timestamp") && l.has("message") && l.has("log"));
    assertThat(raw).noneMatch(line -> line.contains(KEY));
    assertThat(lines)
        .anyMatch(
            l ->
                l.get("message").asString().startsWith("oncepay is serving on http://127.0.0.1:")
                    && l.get("message")
                        .asString()
                        .contains("the one in ONCEPAY_BOOTSTRAP_API_KEY"));
    JsonNode request =
        lines.stream()
            .filter(l -> "json-serve-1".equals(l.path("request_id").asString(null)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no line of request json-serve-1 in " + raw));
    assertThat(request.get("message").asString()).startsWith("GET /v1/orders/" + order + " 200 ");
    assertThat(request.get("order_id").asString()).isEqualTo(order);
    assertThat(request.get("merchant_id").asString()).matches("[0-9a-f-]{36}");
    assertThat(request.path("log").path("logger").asString()).isEqualTo("oncepay.access");
  }

  @Test
  void anUnknownFormatStopsStartUpSayingWhatToFix() throws Exception {
    Path log = home.resolve("bad-format.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of("target", "oncepay.jar").toAbsolutePath().toString(),
                "serve")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("ONCEPAY_LOG_FORMAT", "xml");
    builder.environment().put("ONCEPAY_HOME", home.toString());
    server = builder.start();
    assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(server.exitValue()).isNotZero();
    assertThat(Files.readString(log))
        .contains("ONCEPAY_LOG_FORMAT=xml is unknown; use text (the default) or json");
  }
}
