package com.oncepay.lab.report;

import com.oncepay.lab.check.Anomaly;
import com.oncepay.lab.check.AnomalyCategory;
import com.oncepay.lab.check.EventCounts;
import com.oncepay.lab.load.ScenarioMetrics;
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

  /** Pays that answered a payment ({@link ScenarioMetrics#PAID}), per second of the load phase. */
  public double payThroughput() {
    return durationS <= 0 ? 0 : LatencySummary.round(payments() / durationS, 1);
  }

  /** Pays that answered a payment. */
  public long payments() {
    LatencySummary paid = latencyByOperation.get(ScenarioMetrics.PAID);
    return paid == null ? 0 : paid.count();
  }

  /**
   * Little's law for a scenario that set the gateway's latency ({@code gateway_latency_ms}): its
   * clients, each always waiting one latency, pay at most clients / latency per second; null for
   * the others.
   */
  public Double littlesLawBound() {
    if (!(settings.get("gateway_latency_ms") instanceof Number latencyMs)
        || !(settings.get("concurrency") instanceof Number clients)
        || latencyMs.longValue() <= 0) {
      return null;
    }
    return clients.intValue() * 1000.0 / latencyMs.longValue();
  }

  /** The pay throughput over {@link #littlesLawBound}, or null when there is no bound. */
  public Double littlesLawRatio() {
    Double bound = littlesLawBound();
    if (bound == null || durationS <= 0) {
      return null;
    }
    return LatencySummary.round(payments() / durationS / bound, 3);
  }

  /** Attempts that got no answer or a 5xx. */
  public long errorAnswers() {
    return statusCounts.entrySet().stream()
        .filter(
            e -> e.getKey().equals(ScenarioMetrics.IO_ERROR) || e.getKey().compareTo("500") >= 0)
        .mapToLong(Map.Entry::getValue)
        .sum();
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
