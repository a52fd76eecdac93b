package com.oncepay.lab.report;

import static com.oncepay.lab.report.Reports.chaos;
import static com.oncepay.lab.report.Reports.run;
import static com.oncepay.lab.report.Reports.section;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The chaos scenario's additions to the three reports. */
class ChaosReportTest {

  private static final RunReport RUN = run("chaos", null, chaos(1_000, 2_000, 3_000));

  @Test
  void theJsonHasTheFaultsWithRecoveryTimesAndWhoAnswered() {
    JsonNode json = JsonMapper.builder().build().readTree(JsonReport.write(RUN));

    for (JsonNode node : List.of(json, json.get("scenarios").get(0))) {
      assertThat(node.get("accepted").asLong()).isEqualTo(120);
      assertThat(node.get("balancer_status_counts").get("502").asLong()).isEqualTo(4);
      JsonNode faults = node.get("faults");
      assertThat(faults).hasSize(3);
      assertThat(faults.get(0).get("kind").asString()).isEqualTo("kill_instance");
      assertThat(faults.get(0).get("at_s").asDouble()).isEqualTo(12.5);
      assertThat(faults.get(0).get("recovered_after_s").asDouble()).isEqualTo(6.75);
      assertThat(faults.get(2).get("recovered_after_s").isNull()).isTrue();
      assertThat(node.get("worst_recovery_s").isNull()).as("one fault never recovered").isTrue();
      assertThat(node.get("unexpected_answers").get("500").asLong()).isEqualTo(3);
      assertThat(node.get("findings")).hasSize(3);
    }
    JsonNode section = json.get("scenarios").get(0);
    assertThat(section.get("oncepay_status_counts").get("500").asLong()).isEqualTo(3);
    // The contract's fields stay first.
    assertThat(json.propertyNames().iterator().next()).isEqualTo("scenario");
    assertThat(json.get("anomalies").get("duplicate_charges").asLong()).isZero();
  }

  @Test
  void otherScenariosHaveNoChaosFields() {
    JsonNode json =
        JsonMapper.builder()
            .build()
            .readTree(JsonReport.write(run("all", null, section("double-click", List.of(), 1))));
    assertThat(json.has("faults")).isFalse();
    assertThat(json.get("balancer_status_counts").isEmpty()).isTrue();
    assertThat(json.get("scenarios").get(0).has("faults")).isFalse();
  }

  @Test
  void findingsNameUnexpectedAnswersSlowAndMissingRecoveries() {
    List<String> findings = RUN.chaos().findings();
    assertThat(findings)
        .containsExactly(
            "3 answers 500 from oncepay",
            "restart_postgres at 40.0 s: recovered after 17.5 s, over the 15 s target (last:"
                + " refund pay_2: answered definitely at +17.5 s)",
            "stop_gateway at 70.0 s: 2 of 9 operations in flight never became definite");
    assertThat(ChaosSummary.unexpected(new TreeMap<>(Map.of("201", 5L, "409", 1L, "503", 2L))))
        .isEmpty();
  }

  @Test
  void theConsoleAndTheHtmlShowEachFault() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ConsoleSummary.print(RUN, new PrintStream(out, true, StandardCharsets.UTF_8));
    String console = out.toString(StandardCharsets.UTF_8);
    assertThat(console)
        .contains("accepted 120 orders", "kill_instance", "definite after 6.75 s")
        .contains("NOT RECOVERED (2 never definite)", "answered by HAProxy itself: {502=4, 503=2}")
        .contains("chaos findings:", "3 answers 500 from oncepay");

    String html = HtmlReport.write(RUN);
    assertThat(html)
        .contains("<table class=\"faults\">", "instance-2", "6.75 s", "not recovered")
        .contains("HAProxy (its 502)", "Chaos findings:");
  }
}
