package com.oncepay.lab.report;

import static com.oncepay.lab.report.Reports.run;
import static com.oncepay.lab.report.Reports.section;
import static com.oncepay.lab.report.Reports.withPaid;
import static com.oncepay.lab.report.Reports.withSetting;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PayOnlyReportTest {

  /** 360 payments in the fixture's 2 s by its 200 clients: 180 payments/s. */
  private static ScenarioReport slowGateway() {
    long[] micros = new long[360];
    Arrays.fill(micros, 1_000_000);
    return withSetting(
        withPaid(section("slow-gateway", List.of(), micros)), "gateway_latency_ms", 1000L);
  }

  @Test
  void littlesLawIsThePayThroughputOverClientsPerLatency() {
    ScenarioReport s = slowGateway();
    assertThat(s.payThroughput()).isEqualTo(180.0);
    assertThat(s.littlesLawBound()).isEqualTo(200.0);
    assertThat(s.littlesLawRatio()).isEqualTo(0.9);
  }

  @Test
  void onlyAScenarioThatSetTheGatewaysLatencyHasABound() {
    ScenarioReport s = section("pay-loop", List.of(), 1_000, 2_000);
    assertThat(s.littlesLawBound()).isNull();
    assertThat(s.littlesLawRatio()).isNull();
  }

  @Test
  void errorAnswersAreTheAttemptsWithoutAnAnswerOrWithA5xx() {
    // The fixture's statuses: 201 × 10, 409 × 5, io_error × 1.
    assertThat(slowGateway().errorAnswers()).isEqualTo(1);
  }

  @Test
  void theConsoleAndTheJsonShowPaymentsPerSecondAndTheRatio() {
    RunReport report = run("slow-gateway", null, slowGateway());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleSummary.print(report, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("360 payments, 180.0 payments/s", "error answers (5xx or none): 1")
        .contains("Little's law: 200 clients / 1000 ms = 200.0 payments/s at most; reached 90.0 %");
    JsonNode section =
        JsonMapper.builder().build().readTree(JsonReport.write(report)).get("scenarios").get(0);
    assertThat(section.get("payments_per_s").asDouble()).isEqualTo(180.0);
    assertThat(section.get("error_answers").asLong()).isEqualTo(1);
    assertThat(section.get("littles_law_ratio").asDouble()).isEqualTo(0.9);
  }
}
