package com.oncepay.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.lab.scenario.Scenarios;
import com.oncepay.lab.spawn.ServerJar;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RaceLabCliTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private int run(Map<String, String> env, String... args) {
    return RaceLab.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        env);
  }

  private int run(String... args) {
    return run(Map.of(), args);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private String json() {
    return dir.resolve("r.json").toString();
  }

  @Test
  void helpExitsZero() {
    assertThat(run("race", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "--scenario",
            "--report-json",
            "--spawn",
            "--gateway-ledger",
            "--[no-]check-events",
            "Exit status");
  }

  @Test
  void usageErrorsExitTwoWithAMessage() {
    List<String[]> bad =
        List.of(
            new String[] {},
            new String[] {"race"},
            new String[] {"--scenario", "double-click", "--target", "http://127.0.0.1:1"},
            new String[] {
              "--scenario",
              "nope",
              "--target",
              "http://127.0.0.1:1",
              "--api-key",
              "k",
              "--report-json",
              json()
            },
            new String[] {"--scenario", "all", "--report-json", json()},
            new String[] {
              "--scenario", "all", "--target", "http://127.0.0.1:1", "--report-json", json()
            },
            new String[] {
              "--scenario",
              "all",
              "--spawn",
              "--target",
              "http://127.0.0.1:1",
              "--report-json",
              json()
            },
            new String[] {
              "--scenario",
              "all",
              "--spawn",
              "--requests",
              "10",
              "--duration",
              "5",
              "--report-json",
              json()
            },
            new String[] {"--scenario", "all", "--spawn", "--orders", "0", "--report-json", json()},
            new String[] {
              "--scenario", "all", "--spawn", "--duration", "-1", "--report-json", json()
            },
            new String[] {"--scenario", "all", "--spawn", "--rate", "0", "--report-json", json()},
            new String[] {"--scenario", "all", "--spawn", "--warmup", "0", "--report-json", json()},
            new String[] {
              "--scenario", "all", "--target", "ftp://x", "--api-key", "k", "--report-json", json()
            },
            new String[] {"--scenario", "all", "--spawn", "--bogus", "--report-json", json()},
            new String[] {
              "--scenario",
              "all",
              "--target",
              "http://127.0.0.1:1",
              "--api-key",
              "k",
              "--instances",
              "3",
              "--report-json",
              json()
            },
            new String[] {
              "--scenario",
              "all",
              "--target",
              "http://127.0.0.1:1",
              "--api-key",
              "k",
              "--pgbouncer",
              "--report-json",
              json()
            },
            new String[] {
              "--scenario", "all", "--spawn", "--instances", "0", "--report-json", json()
            },
            new String[] {
              "--scenario", "all", "--spawn", "--instances", "17", "--report-json", json()
            },
            new String[] {
              "--scenario", "all", "--spawn", "--strategy", "yolo", "--report-json", json()
            },
            new String[] {
              "--scenario", "all", "--spawn", "--queue", "kafka", "--report-json", json()
            },
            new String[] {
              "--scenario",
              "all",
              "--target",
              "http://127.0.0.1:1",
              "--api-key",
              "k",
              "--queue",
              "rabbitmq",
              "--report-json",
              json()
            },
            new String[] {"--scenario", "chaos", "--spawn", "--report-json", json()},
            new String[] {
              "--scenario",
              "chaos",
              "--target",
              "http://127.0.0.1:1",
              "--api-key",
              "k",
              "--report-json",
              json()
            },
            new String[] {
              "--scenario",
              "chaos",
              "--spawn",
              "--instances",
              "2",
              "--requests",
              "100",
              "--report-json",
              json()
            });
    List<String> failures = new ArrayList<>();
    for (String[] args : bad) {
      err.reset();
      int status = run(args);
      if (status != 2 || !err().contains("oncepay race:")) {
        failures.add(String.join(" ", args) + " -> " + status + " " + err());
      }
    }
    assertThat(failures).isEmpty();
    assertThat(Files.exists(dir.resolve("r.json"))).isFalse();
  }

  @Test
  void chaosSaysItNeedsATopology() {
    assertThat(run("--scenario", "chaos", "--spawn", "--report-json", json())).isEqualTo(2);
    assertThat(err()).contains("chaos", "--instances N");
  }

  @Test
  void slowGatewaySaysItNeedsSpawn() {
    assertThat(
            run(
                "--scenario",
                "slow-gateway",
                "--target",
                "http://127.0.0.1:1",
                "--api-key",
                "k",
                "--report-json",
                json()))
        .isEqualTo(2);
    assertThat(err()).contains("slow-gateway", "--spawn");
  }

  @Test
  void onlySlowGatewayAsksSpawnedServersForASmallHeap() {
    assertThat(LabRun.serverJvmOptions(List.of(Scenarios.named("slow-gateway").orElseThrow())))
        .containsExactly("-Xmx512m");
    assertThat(LabRun.serverJvmOptions(Scenarios.all())).isEmpty();
    assertThat(LabRun.serverJvmOptions(List.of(Scenarios.named("pay-loop").orElseThrow())))
        .isEmpty();
  }

  @Test
  void theMeasurementsAreNamedButNotInAll() {
    assertThat(Scenarios.names()).contains("pay-loop", "slow-gateway");
    assertThat(Scenarios.all())
        .extracting(s -> s.name())
        .doesNotContain("checkout-loop", "pay-loop", "slow-gateway", "async-pay");
  }

  @Test
  void theTopologyOptionsAreParsed() {
    RaceCommand command = new RaceCommand(System.out, System.err, Map.of());
    new picocli.CommandLine(command)
        .parseArgs(
            "--scenario",
            "chaos",
            "--spawn",
            "--instances",
            "3",
            "--pgbouncer",
            "--strategy",
            "unsafe-naive",
            "--queue",
            "rabbitmq",
            "--report-json",
            json());
    LabOptions options = command.options();
    assertThat(options.queue()).isEqualTo("rabbitmq");
    assertThat(options.topology()).isTrue();
    assertThat(options.instances()).isEqualTo(3);
    assertThat(options.pgbouncer()).isTrue();
    assertThat(options.strategy()).isEqualTo("unsafe-naive");

    RaceCommand pooled = new RaceCommand(System.out, System.err, Map.of());
    new picocli.CommandLine(pooled)
        .parseArgs("--scenario", "all", "--spawn", "--pgbouncer", "--report-json", json());
    assertThat(pooled.options().instances()).as("--pgbouncer alone: one instance").isEqualTo(1);

    RaceCommand single = new RaceCommand(System.out, System.err, Map.of());
    new picocli.CommandLine(single)
        .parseArgs("--scenario", "all", "--spawn", "--report-json", json());
    assertThat(single.options().topology()).as("--spawn alone stays one server").isFalse();
  }

  @Test
  void unknownScenarioNamesTheValidOnes() {
    run("--scenario", "nope", "--spawn", "--report-json", json());
    assertThat(err()).contains("unknown scenario 'nope'", "double-click", "checkout-mix", "all");
  }

  @Test
  void connectionRefusedExitsTwoAndStillWritesTheReport() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    int status =
        run(
            "race",
            "--scenario",
            "double-click",
            "--target",
            "http://127.0.0.1:" + port,
            "--api-key",
            "sk_test",
            "--report-json",
            json(),
            "--report-html",
            dir.resolve("r.html").toString(),
            "--quiet");
    assertThat(status).isEqualTo(2);
    JsonNode report = JsonMapper.builder().build().readTree(dir.resolve("r.json").toFile());
    assertThat(report.get("invariants_ok").asBoolean()).isFalse();
    assertThat(report.get("exit_status").asInt()).isEqualTo(2);
    assertThat(report.get("error").asString()).contains("cannot reach the service");
    assertThat(Files.readString(dir.resolve("r.html"))).contains("Run incomplete");
  }

  @Test
  void aRejectedApiKeyExitsTwo() throws IOException {
    int port =
        serve(401, "{\"error\":{\"type\":\"authentication_error\",\"code\":\"unauthorized\"}}");
    int status =
        run(
            "--scenario",
            "retry-storm",
            "--target",
            "http://127.0.0.1:" + port,
            "--api-key",
            "sk_wrong",
            "--report-json",
            json(),
            "--quiet");
    assertThat(status).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("rejected the API key (401)");
  }

  @Test
  void theApiKeyMayComeFromTheEnvironment() throws IOException {
    int port = serve(401, "{}");
    int status =
        run(
            Map.of("ONCEPAY_API_KEY", "sk_from_env"),
            "--scenario",
            "retry-storm",
            "--target",
            "http://127.0.0.1:" + port,
            "--report-json",
            json(),
            "--quiet");
    assertThat(status).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("rejected the API key (401)");
  }

  @Test
  void anUnreachableLedgerExitsTwo() throws IOException {
    int port = serve(404, "{\"error\":{\"code\":\"not_found\"}}");
    int status =
        run(
            "--scenario",
            "double-click",
            "--target",
            "http://127.0.0.1:" + port,
            "--api-key",
            "sk_test",
            "--gateway-ledger",
            "http://127.0.0.1:" + port + "/sim/ledger",
            "--report-json",
            json(),
            "--quiet");
    assertThat(status).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("gateway simulator answered 404");
  }

  @Test
  void checkEventsWithoutAWebhookEndpointExitsTwoAndSaysEventsWereNotChecked() throws IOException {
    int port = serve(404, "{\"error\":{\"code\":\"not_found\"}}");
    int status =
        run(
            "--scenario",
            "double-click",
            "--target",
            "http://127.0.0.1:" + port,
            "--api-key",
            "sk_test",
            "--check-events",
            "--report-json",
            json(),
            "--quiet");
    assertThat(status).isEqualTo(2);
    JsonNode report = JsonMapper.builder().build().readTree(dir.resolve("r.json").toFile());
    assertThat(report.get("error").asString())
        .contains("404 not_found to PUT /v1/webhook_endpoint", "--no-check-events");
    assertThat(report.get("events_checked").asBoolean()).isFalse();
    assertThat(report.get("notes").get(0).asString())
        .startsWith("Invariant 6 (side effects once) was not checked");
  }

  @Test
  void spawnWithoutAServerJarExitsTwo() {
    String previous = System.getProperty(ServerJar.SERVER_JAR_PROPERTY);
    System.setProperty(ServerJar.SERVER_JAR_PROPERTY, dir.resolve("missing.jar").toString());
    try {
      int status = run("--scenario", "all", "--spawn", "--report-json", json(), "--quiet");
      assertThat(status).isEqualTo(2);
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("--spawn needs the server jar");
    } finally {
      if (previous == null) {
        System.clearProperty(ServerJar.SERVER_JAR_PROPERTY);
      } else {
        System.setProperty(ServerJar.SERVER_JAR_PROPERTY, previous);
      }
    }
  }

  /** A stand-in service that answers every request with one status and body. */
  private int serve(int status, String body) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    return server.getAddress().getPort();
  }
}
