package com.oncepay.lab.report;

import com.oncepay.lab.check.Anomaly;
import com.oncepay.lab.check.AnomalyCategory;
import com.oncepay.lab.check.EventCounts;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One scenario's section of the report.
 *
 * @param settings the resolved settings (orders, concurrency, budget, …), in display order
 * @param errorCodes error answers by status and code, such as {@code "409 order_busy"}
 * @param completed false when the scenario could not run to the end (see {@code error})
 * @param labProblems answers the scenario could not use and failures inside the lab, counted
 * @param ledgerChecked whether the gateway ledger was compared
 * @param histogram the latency HdrHistogram, compressed and base64-encoded, for later analysis
 * @param serverMetrics the service's own timer percentiles after the scenario, in ms (empty when it
 *     exposes none), by {@code metric{labels}}
 * @param events the merchant webhooks received about this scenario's objects, or null when events
 *     were not checked (invariant 6 unchecked)
 * @param balancerStatusCounts HAProxy's own answers (they carry {@code X-Oncepay-Balancer}) by the
 *     condition it turned into a 503: 502, 503 or 504; empty without a balancer
 * @param oncepayStatusCounts the answers that came from oncepay itself, by status
 * @param chaos the chaos scenario's faults and findings, or null for every other scenario
 */
public record ScenarioReport(
    String scenario,
    String description,
    Map<String, Object> settings,
    long requests,
    double durationS,
    LatencySummary latency,
    SortedMap<String, LatencySummary> latencyByOperation,
    SortedMap<String, Long> statusCounts,
    SortedMap<String, Long> errorCodes,
    List<Anomaly> anomalies,
    boolean completed,
    String error,
    long labProblems,
    List<String> problemSamples,
    boolean ledgerChecked,
    String histogram,
    SortedMap<String, Double> serverMetrics,
    EventCounts events,
    SortedMap<String, Long> balancerStatusCounts,
    SortedMap<String, Long> oncepayStatusCounts,
    ChaosSummary chaos) {

  public ScenarioReport {
    balancerStatusCounts = Collections.unmodifiableSortedMap(new TreeMap<>(balancerStatusCounts));
    oncepayStatusCounts = Collections.unmodifiableSortedMap(new TreeMap<>(oncepayStatusCounts));
    serverMetrics = Collections.unmodifiableSortedMap(new TreeMap<>(serverMetrics));
    anomalies = List.copyOf(anomalies);
    problemSamples = List.copyOf(problemSamples);
  }

  public double throughputRps() {
    return durationS <= 0 ? 0 : LatencySummary.round(requests / durationS, 1);
  }

  public Map<AnomalyCategory, Integer> anomalyCounts() {
    Map<AnomalyCategory, Integer> counts = new EnumMap<>(AnomalyCategory.class);
    for (AnomalyCategory c : AnomalyCategory.values()) {
      counts.put(c, 0);
    }
    anomalies.forEach(a -> counts.merge(a.category(), 1, Integer::sum));
    return counts;
  }

  public boolean eventsChecked() {
    return events != null;
  }

  /** True only when the scenario ran to the end and every check passed. */
  public boolean invariantsOk() {
    return completed && anomalies.isEmpty();
  }
}
