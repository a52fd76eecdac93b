package com.oncepay.lab.report;

import static com.oncepay.lab.report.Reports.anomaly;
import static com.oncepay.lab.report.Reports.run;
import static com.oncepay.lab.report.Reports.section;
import static com.oncepay.lab.report.Reports.withoutEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.oncepay.lab.check.AnomalyCategory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonReportTest {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private static JsonNode write(RunReport run) {
    return MAPPER.readTree(JsonReport.write(run));
  }

  @Test
  void hasEveryFieldOfTheContractWithItsType() {
    JsonNode json = write(run("all", null, section("double-click", List.of(), 1_000, 2_000)));
    List<String> fields = new ArrayList<>();
    json.propertyNames().forEach(fields::add);
    assertThat(fields.subList(0, 8))
        .containsExactly(
            "scenario",
            "requests",
            "duration_s",
            "throughput_rps",
            "latency_ms",
            "status_counts",
            "anomalies",
            "invariants_ok");
    assertThat(json.get("scenario").isString()).isTrue();
    assertThat(json.get("requests").isIntegralNumber()).isTrue();
    assertThat(json.get("duration_s").isNumber()).isTrue();
    assertThat(json.get("throughput_rps").isNumber()).isTrue();
    for (String p : List.of("p50", "p90", "p99", "max")) {
      assertThat(json.get("latency_ms").get(p).isNumber()).as(p).isTrue();
    }
    assertThat(json.get("status_counts").get("201").asLong()).isEqualTo(10);
    List<String> categories = new ArrayList<>();
    json.get("anomalies").propertyNames().forEach(categories::add);
    assertThat(categories)
        .containsExactly(
            "duplicate_orders",
            "duplicate_charges",
            "lost_updates",
            "over_capture",
            "over_refund",
            "stuck_operations",
            "replay_mismatches",
            "state_mismatches",
            "duplicate_events",
            "lost_events");
    assertThat(json.get("invariants_ok").isBoolean()).isTrue();
    assertThat(json.get("invariants_ok").asBoolean()).isTrue();
    assertThat(json.get("exit_status").asInt()).isZero();
  }

  @Test
  void totalsAddUpTheSectionsAndEachSectionHasTheContractShape() {
    JsonNode json =
        write(
            run(
                "all",
                null,
                section("double-click", List.of(), 1_000, 2_000),
                section(
                    "same-order-hammer",
                    List.of(
                        anomaly(AnomalyCategory.OVER_REFUND), anomaly(AnomalyCategory.OVER_REFUND)),
                    3_000)));
    assertThat(json.get("requests").asLong()).isEqualTo(3);
    assertThat(json.get("duration_s").asDouble()).isEqualTo(4.0);
    assertThat(json.get("status_counts").get("409").asLong()).isEqualTo(10);
    assertThat(json.get("anomalies").get("over_refund").asInt()).isEqualTo(2);
    assertThat(json.get("invariants_ok").asBoolean()).isFalse();
    assertThat(json.get("exit_status").asInt()).isEqualTo(1);
    JsonNode hammer = json.get("scenarios").get(1);
    assertThat(hammer.get("scenario").asString()).isEqualTo("same-order-hammer");
    assertThat(hammer.get("invariants_ok").asBoolean()).isFalse();
    assertThat(hammer.get("latency_ms").get("p50").asDouble()).isCloseTo(3.0, within(0.01));
    assertThat(hammer.get("latency_percentiles").size()).isEqualTo(LatencySummary.CURVE_POINTS);
    JsonNode detail = json.get("anomaly_details").get(0);
    assertThat(detail.get("scenario").asString()).isEqualTo("same-order-hammer");
    assertThat(detail.get("category").asString()).isEqualTo("over_refund");
    assertThat(detail.get("ids").get(0).asString()).isEqualTo("pay_1");
  }

  @Test
  void saysWhetherEventsWereCheckedAndHowManyArrived() {
    JsonNode checked = write(run("all", null, section("double-click", List.of(), 1_000)));
    assertThat(checked.get("events_checked").asBoolean()).isTrue();
    JsonNode section = checked.get("scenarios").get(0);
    assertThat(section.get("events_checked").asBoolean()).isTrue();
    assertThat(section.get("event_deliveries").asLong()).isEqualTo(7);
    assertThat(section.get("events_distinct").asLong()).isEqualTo(6);

    JsonNode unchecked =
        write(run("all", null, withoutEvents(section("double-click", List.of(), 1_000))));
    assertThat(unchecked.get("events_checked").asBoolean()).isFalse();
    assertThat(unchecked.get("scenarios").get(0).get("events_checked").asBoolean()).isFalse();
    assertThat(unchecked.get("scenarios").get(0).has("event_deliveries")).isFalse();
    assertThat(unchecked.get("anomalies").get("duplicate_events").asInt()).isZero();
  }

  @Test
  void aRunThatCouldNotCompleteIsNotOkAndExitsTwo() {
    JsonNode json = write(run("double-click", "cannot reach the service", new ScenarioReport[0]));
    assertThat(json.get("invariants_ok").asBoolean()).isFalse();
    assertThat(json.get("exit_status").asInt()).isEqualTo(2);
    assertThat(json.get("error").asString()).isEqualTo("cannot reach the service");
    assertThat(json.get("requests").asLong()).isZero();
    assertThat(json.get("events_checked").asBoolean()).isFalse();
  }
}
