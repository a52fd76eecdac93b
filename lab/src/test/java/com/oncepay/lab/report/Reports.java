package com.oncepay.lab.report;

import com.oncepay.lab.check.Anomaly;
import com.oncepay.lab.check.AnomalyCategory;
import com.oncepay.lab.check.EventCounts;
import com.oncepay.lab.load.FaultRecord;
import com.oncepay.lab.load.ScenarioMetrics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** Report models built by hand, with real HdrHistograms behind the latencies. */
final class Reports {

  private Reports() {}

  static Histogram histogram(long... micros) {
    Histogram h = new Histogram(3);
    for (long m : micros) {
      h.recordValue(m);
    }
    return h;
  }

  static ScenarioReport section(String name, List<Anomaly> anomalies, long... micros) {
    Histogram h = histogram(micros);
    SortedMap<String, LatencySummary> ops = new TreeMap<>();
    ops.put("pay", LatencySummary.of(h));
    SortedMap<String, Long> statuses = new TreeMap<>(Map.of("201", 10L, "409", 5L, "io_error", 1L));
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("orders", 5);
    settings.put("concurrency", 200);
    return new ScenarioReport(
        name,
        "what " + name + " does <and> reproduces",
        settings,
        micros.length,
        2.0,
        LatencySummary.of(h),
        ops,
        statuses,
        new TreeMap<>(Map.of("409 order_busy", 5L)),
        anomalies,
        true,
        null,
        0,
        List.of(),
        true,
        "HISTOGRAM",
        new TreeMap<>(Map.of("oncepay_queue_to_gateway{quantile=\"0.99\"}", 4.5)),
        new EventCounts(7, 6),
        new TreeMap<>(),
        new TreeMap<>(Map.of("201", 10L, "409", 5L)),
        null);
  }

  /** A chaos section: two faults, one over the target, one never recovered; a 500 from oncepay. */
  static ScenarioReport chaos(long... micros) {
    ScenarioReport s = section("chaos", List.of(), micros);
    ChaosSummary chaos =
        new ChaosSummary(
            List.of(
                new FaultRecord(
                    "kill_instance",
                    "instance-2",
                    12.5,
                    14.2,
                    31,
                    6.75,
                    0,
                    "pay ord_1",
                    null,
                    null),
                new FaultRecord(
                    "restart_postgres",
                    "postgresql",
                    40.0,
                    1.1,
                    12,
                    17.5,
                    0,
                    "refund pay_2: answered definitely at +17.5 s",
                    null,
                    null),
                new FaultRecord(
                    "stop_gateway",
                    "gateway-simulator",
                    70.0,
                    10.6,
                    9,
                    null,
                    2,
                    "pay ord_3: gave_up, never definite",
                    "started 2 times",
                    null)),
            120,
            118,
            0,
            new TreeMap<>(Map.of("500", 3L)));
    return with(
        s,
        s.settings(),
        s.latencyByOperation(),
        s.events(),
        new TreeMap<>(Map.of("502", 4L, "503", 2L)),
        new TreeMap<>(Map.of("201", 10L, "500", 3L, "503", 7L)),
        chaos);
  }

  /** The section with its pays also counted as payments ({@code paid}), as pay-only loops do. */
  static ScenarioReport withPaid(ScenarioReport s) {
    SortedMap<String, LatencySummary> ops = new TreeMap<>(s.latencyByOperation());
    ops.put(ScenarioMetrics.PAID, ops.get("pay"));
    return with(
        s,
        s.settings(),
        ops,
        s.events(),
        s.balancerStatusCounts(),
        s.oncepayStatusCounts(),
        s.chaos());
  }

  /** The section with one more setting, such as {@code gateway_latency_ms}. */
  static ScenarioReport withSetting(ScenarioReport s, String key, Object value) {
    Map<String, Object> settings = new LinkedHashMap<>(s.settings());
    settings.put(key, value);
    return with(
        s,
        settings,
        s.latencyByOperation(),
        s.events(),
        s.balancerStatusCounts(),
        s.oncepayStatusCounts(),
        s.chaos());
  }

  /** The same section as if the lab had not received the merchant webhooks. */
  static ScenarioReport withoutEvents(ScenarioReport s) {
    return with(
        s,
        s.settings(),
        s.latencyByOperation(),
        null,
        s.balancerStatusCounts(),
        s.oncepayStatusCounts(),
        s.chaos());
  }

  private static ScenarioReport with(
      ScenarioReport s,
      Map<String, Object> settings,
      SortedMap<String, LatencySummary> ops,
      EventCounts events,
      SortedMap<String, Long> balancer,
      SortedMap<String, Long> oncepay,
      ChaosSummary chaos) {
    return new ScenarioReport(
        s.scenario(),
        s.description(),
        settings,
        s.requests(),
        s.durationS(),
        s.latency(),
        ops,
        s.statusCounts(),
        s.errorCodes(),
        s.anomalies(),
        s.completed(),
        s.error(),
        s.labProblems(),
        s.problemSamples(),
        s.ledgerChecked(),
        s.histogram(),
        s.serverMetrics(),
        events,
        balancer,
        oncepay,
        chaos);
  }

  static RunReport run(String scenario, String error, ScenarioReport... sections) {
    Histogram total = new Histogram(3);
    return new RunReport(
        scenario,
        "http://127.0.0.1:8080",
        "http://127.0.0.1:8081",
        "abcd1234",
        42,
        Instant.parse("2026-01-01T00:00:00Z"),
        List.of(sections),
        LatencySummary.of(total),
        error,
        List.of("a note"),
        new TreeMap<>());
  }

  static Anomaly anomaly(AnomalyCategory category) {
    return Anomaly.of(category, "payment pay_1 <broke> & more", "pay_1", "ch_1");
  }
}
