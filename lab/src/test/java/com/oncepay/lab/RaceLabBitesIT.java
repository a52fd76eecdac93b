package com.oncepay.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lab against the real server (spawned from the jar the build just made, on an embedded
 * PostgreSQL): every scenario, shortened to a few seconds each. With the default strategy every
 * invariant must hold; with {@code unsafe-naive} the same run must find anomalies in several
 * categories and exit 1. The second half is what makes the first half worth anything.
 */
class RaceLabBitesIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  @Test
  @Timeout(300)
  void defaultStrategyHoldsEveryInvariant() {
    Run run = race("conditional", Map.of());

    assertThat(run.exit).as(run.output).isZero();
    JsonNode report = run.report;
    assertThat(report.get("invariants_ok").asBoolean()).isTrue();
    assertThat(anomalyCounts(report).values()).allMatch(n -> n == 0);
    assertThat(report.get("scenarios")).hasSize(5);
    for (JsonNode scenario : report.get("scenarios")) {
      assertThat(scenario.get("completed").asBoolean())
          .as(scenario.get("scenario").asString())
          .isTrue();
      assertThat(scenario.get("requests").asLong()).isPositive();
    }
    assertThat(report.get("requests").asLong()).isGreaterThan(1_000);
  }

  @Test
  @Timeout(300)
  void unsafeStrategyIsCaughtInSeveralCategories() {
    Run run =
        race("unsafe-naive", Map.of("ONCEPAY_ALLOW_UNSAFE", "true"), "--settle-timeout", "15");

    assertThat(run.exit).as(run.output).isEqualTo(1);
    assertThat(run.report.get("invariants_ok").asBoolean()).isFalse();
    Map<String, Long> broken = new TreeMap<>(anomalyCounts(run.report));
    broken.values().removeIf(n -> n == 0);
    assertThat(broken).as("categories with anomalies").hasSizeGreaterThanOrEqualTo(2);
    assertThat(run.report.get("anomaly_details")).isNotEmpty();
  }

  private record Run(int exit, JsonNode report, String output) {}

  private Run race(String strategy, Map<String, String> extraEnv, String... extraArgs) {
    Path json = dir.resolve(strategy + ".json");
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("ONCEPAY_CONCURRENCY_STRATEGY", strategy);
    String[] base = {
      "race",
      "--scenario",
      "all",
      "--spawn",
      "--duration",
      "4",
      "--seed",
      "7",
      "--quiet",
      "--report-json",
      json.toString(),
      "--report-html",
      dir.resolve(strategy + ".html").toString()
    };
    String[] args = new String[base.length + extraArgs.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extraArgs, 0, args, base.length, extraArgs.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit =
        RaceLab.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            env);
    return new Run(exit, JSON.readTree(json.toFile()), out.toString(StandardCharsets.UTF_8));
  }

  static Map<String, Long> anomalyCounts(JsonNode report) {
    Map<String, Long> counts = new TreeMap<>();
    report
        .get("anomalies")
        .properties()
        .forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
    return counts;
  }
}
