package com.oncepay.metrics;

import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus (Debian's {@code prometheus} binary) as a child process of the test, on a free
 * port, with its data in a temporary directory: it scrapes one target every second and loads the
 * rule files given. {@link #close()} kills that process, by its PID, and deletes the directory.
 */
final class PrometheusServer implements AutoCloseable {

  /** The repository's deploy/prometheus, seen from the server module where the tests run. */
  static final Path DEPLOY = Path.of("..", "deploy", "prometheus").toAbsolutePath().normalize();

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path home;
  private final Process process;
  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private PrometheusServer(Path home, Process process, int port) {
    this.home = home;
    this.process = process;
    this.base = URI.create("http://127.0.0.1:" + port);
  }

  /** The binary on PATH, or a failure that says how to install it. */
  static Path binary(String name) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    return Stream.of(path.split(":"))
        .map(dir -> Path.of(dir, name))
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    name
                        + " not found on PATH: install Debian's prometheus package"
                        + " (. .ci/needs-metrics.sh)"));
  }

  /**
   * Starts Prometheus scraping {@code metricsPath} on 127.0.0.1:{@code targetPort} every second,
   * with {@code ruleFiles} evaluated every second, and waits until it is ready.
   */
  static PrometheusServer start(int targetPort, String metricsPath, List<Path> ruleFiles)
      throws IOException {
    Path home = Files.createTempDirectory("oncepay-prometheus");
    int port = freePort();
    StringBuilder config =
        new StringBuilder(
            """
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            rule_files:
            """);
    for (Path rules : ruleFiles) {
      config.append("  - '").append(rules.toAbsolutePath()).append("'\n");
    }
    config.append(
        """
        scrape_configs:
          - job_name: oncepay
            metrics_path: %s
            authorization:
              credentials: '%s'
            static_configs:
              - targets: ['127.0.0.1:%d']
        """
            .formatted(metricsPath, ApiTestBase.OPERATOR_TOKEN, targetPort));
    Path configFile = home.resolve("prometheus.yml");
    Files.writeString(configFile, config);
    Process process =
        new ProcessBuilder(
                binary("prometheus").toString(),
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + home.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("prometheus.log").toFile())
            .start();
    PrometheusServer server = new PrometheusServer(home, process, port);
    try {
      server.awaitReady();
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitReady() {
    try {
      Await.until(Duration.ofSeconds(30), "prometheus to be ready", this::ready);
    } catch (AssertionError notReady) {
      throw new AssertionError(notReady.getMessage() + ":\n" + log(), notReady);
    }
  }

  /** Whether {@code /-/ready} answers 200; fails at once if the process has exited. */
  private boolean ready() {
    if (!process.isAlive()) {
      throw new AssertionError("prometheus exited " + process.exitValue() + ":\n" + log());
    }
    try {
      return http.send(
                  HttpRequest.newBuilder(base.resolve("/-/ready"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .statusCode()
          == 200;
    } catch (IOException notListeningYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code /api/v1/query?query=…} at the current time: the {@code data.result} array. */
  JsonNode query(String promql) {
    JsonNode answer =
        get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    if (!"success".equals(answer.path("status").asString())) {
      throw new AssertionError("query " + promql + " failed: " + answer);
    }
    return answer.path("data").path("result");
  }

  /** {@code /api/v1/rules}: the {@code data.groups} array. */
  JsonNode ruleGroups() {
    return get("/api/v1/rules").path("data").path("groups");
  }

  private JsonNode get(String pathAndQuery) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Prometheus's own log, for failure messages. */
  String log() {
    try {
      return Files.readString(home.resolve("prometheus.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    try {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      deleteTree(home);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory; the OS cleans up what is left
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
