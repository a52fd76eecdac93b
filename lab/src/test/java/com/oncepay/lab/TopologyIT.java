package com.oncepay.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lab on the real topology, with real binaries (Debian's postgresql, pgbouncer and haproxy;
 * .ci/run installs the last two): its own PostgreSQL, PgBouncer with
 * deploy/pgbouncer/pgbouncer.ini, two instances of the server jar behind HAProxy with
 * deploy/haproxy/haproxy.cfg. Every scenario, shortened, must hold every invariant and be served by
 * both instances; the unsafe strategy on the same topology must be caught. Then a short chaos run
 * (all four kinds of fault) must end with no anomaly and a recovery time for each fault.
 */
class TopologyIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  private record Run(int exit, JsonNode report, String output) {}

  private Run race(String name, String... args) {
    Path json = dir.resolve(name + ".json");
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--spawn",
            "--instances",
            "2",
            "--pgbouncer",
            "--seed",
            "7",
            "--quiet",
            "--report-json",
            json.toString(),
            "--report-html",
            dir.resolve(name + ".html").toString()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    int exit = RaceLab.run(all.toArray(String[]::new), print, print, Map.of());
    return new Run(exit, JSON.readTree(json.toFile()), out.toString(StandardCharsets.UTF_8));
  }

  @Test
  @Timeout(240)
  void everyScenarioHoldsThroughPgBouncerAndTheBalancerSpreadsIt() {
    Run run = race("all", "--scenario", "all", "--duration", "3", "--orders", "10");

    assertThat(run.exit).as(run.output).isZero();
    assertThat(anomalies(run.report).values()).allMatch(n -> n == 0);
    assertThat(run.report.get("scenarios")).hasSize(5);
    assertThat(run.report.get("notes").get(0).asString())
        .contains("2 oncepay instances behind HAProxy", "through PgBouncer");
    JsonNode served = run.report.get("requests_by_instance");
    assertThat(served.get("instance-1").asLong()).as(run.output).isGreaterThan(50);
    assertThat(served.get("instance-2").asLong()).as(run.output).isGreaterThan(50);
  }

  @Test
  @Timeout(240)
  void theUnsafeStrategyOnTheTopologyIsCaught() {
    Run run =
        race(
            "unsafe",
            "--scenario",
            "same-order-hammer",
            "--requests",
            "2000",
            "--strategy",
            "unsafe-naive",
            // Warm instances race harder: cold, most of the burst once went to HAProxy's 503s
            // (765 of 1,005), and the few pays that reached oncepay did not collide.
            "--warmup",
            "5",
            "--settle-timeout",
            "10");

    assertThat(run.exit).as(run.output).isEqualTo(1);
    assertThat(run.report.get("notes").get(0).asString()).contains("unsafe-naive");
    assertThat(anomalies(run.report).values()).anyMatch(n -> n > 0);
  }

  @Test
  @Timeout(300)
  void aShortChaosRunLosesNothingAndTimesEachRecovery() {
    Run run = race("chaos", "--scenario", "chaos", "--duration", "45", "--rate", "10");

    assertThat(run.exit).as(run.output).isNotEqualTo(2);
    assertThat(anomalies(run.report)).as(run.output).allSatisfy((k, n) -> assertThat(n).isZero());
    JsonNode faults = run.report.get("faults");
    List<String> kinds = new ArrayList<>();
    faults.forEach(f -> kinds.add(f.get("kind").asString()));
    assertThat(kinds)
        .as(run.output)
        .contains("kill_instance", "restart_postgres", "cut_pgbouncer", "stop_gateway");
    for (JsonNode f : faults) {
      assertThat(f.get("recovered_after_s").isNumber()).as(f.toString()).isTrue();
      assertThat(f.get("error").isNull()).as(f.toString()).isTrue();
    }
    assertThat(run.report.get("accepted").asLong()).isPositive();
    assertThat(run.report.get("shop_calls_gave_up").asLong()).isZero();
    assertThat(run.report.has("balancer_status_counts")).isTrue();
  }

  private static Map<String, Long> anomalies(JsonNode report) {
    return RaceLabBitesIT.anomalyCounts(report);
  }
}
