package com.oncepay.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * deploy/prometheus checked by Prometheus's own promtool: the rules parse, the sample configuration
 * is valid, and oncepay-rules.test.yml (series that make each alert fire, and not fire) passes.
 */
class PrometheusRulesIT {

  @Test
  void rulesAreValid() throws Exception {
    assertThat(promtool("check", "rules", "oncepay-rules.yml")).contains("SUCCESS");
  }

  @Test
  void everyAlertFiresWhenItShouldAndOnlyThen() throws Exception {
    assertThat(promtool("test", "rules", "oncepay-rules.test.yml")).contains("SUCCESS");
  }

  @Test
  void sampleConfigurationIsValid() throws Exception {
    assertThat(promtool("check", "config", "prometheus.yml")).contains("is valid");
  }

  /** Runs promtool in deploy/prometheus; fails with its output unless it exits 0. */
  private static String promtool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(PrometheusServer.binary("promtool").toString());
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .directory(PrometheusServer.DEPLOY.toFile())
            .redirectErrorStream(true)
            .start();
    String output;
    try (var out = process.getInputStream()) {
      output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("promtool " + String.join(" ", args) + " did not finish");
    }
    assertThat(process.exitValue()).as("promtool %s:%n%s", String.join(" ", args), output).isZero();
    return output;
  }
}
