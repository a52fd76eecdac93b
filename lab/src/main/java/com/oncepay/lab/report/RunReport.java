package com.oncepay.lab.report;

import com.oncepay.lab.check.Anomaly;
import com.oncepay.lab.check.AnomalyCategory;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A whole run: one section per scenario plus totals. The exit status follows from it: 1 when any
 * anomaly was found (even if another scenario could not run: an anomaly is the louder news), else 2
 * when anything could not run, else 0.
 *
 * @param scenario the name given on the command line, such as {@code all}
 * @param totalLatency all sections' requests in one histogram
 * @param error why the run stopped early, or null
 * @param notes facts a reader needs, such as which invariants could not be checked
 * @param requestsByInstance with a spawned topology: API requests each instance served since it
 *     last started; empty otherwise
 */
public record RunReport(
    String scenario,
    String target,
    String ledger,
    String runId,
    long seed,
    Instant startedAt,
    List<ScenarioReport> sections,
    LatencySummary totalLatency,
    String error,
    List<String> notes,
    SortedMap<String, Long> requestsByInstance) {

  public static final int EXIT_OK = 0;
  public static final int EXIT_ANOMALIES = 1;
  public static final int EXIT_ERROR = 2;

  public RunReport {
    sections = List.copyOf(sections);
    notes = List.copyOf(notes);
    requestsByInstance =
        java.util.Collections.unmodifiableSortedMap(new TreeMap<>(requestsByInstance));
  }

  public long requests() {
    return sections.stream().mapToLong(ScenarioReport::requests).sum();
  }

  public double durationS() {
    return LatencySummary.round(sections.stream().mapToDouble(ScenarioReport::durationS).sum(), 3);
  }

  public double throughputRps() {
    double duration = durationS();
    return duration <= 0 ? 0 : LatencySummary.round(requests() / duration, 1);
  }

  public SortedMap<String, Long> statusCounts() {
    SortedMap<String, Long> counts = new TreeMap<>();
    sections.forEach(s -> s.statusCounts().forEach((k, v) -> counts.merge(k, v, Long::sum)));
    return counts;
  }

  /** HAProxy's own answers over every scenario, by the condition it answered 503 for. */
  public SortedMap<String, Long> balancerStatusCounts() {
    SortedMap<String, Long> counts = new TreeMap<>();
    sections.forEach(
        s -> s.balancerStatusCounts().forEach((k, v) -> counts.merge(k, v, Long::sum)));
    return counts;
  }

  /** The chaos scenario's summary, or null when it did not run. */
  public ChaosSummary chaos() {
    return sections.stream()
        .map(ScenarioReport::chaos)
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  public Map<AnomalyCategory, Integer> anomalyCounts() {
    Map<AnomalyCategory, Integer> counts = new EnumMap<>(AnomalyCategory.class);
    for (AnomalyCategory c : AnomalyCategory.values()) {
      counts.put(c, 0);
    }
    sections.forEach(s -> s.anomalyCounts().forEach((k, v) -> counts.merge(k, v, Integer::sum)));
    return counts;
  }

  /** Whether invariant 6 was checked in every scenario that ran (false when none ran). */
  public boolean eventsChecked() {
    return !sections.isEmpty() && sections.stream().allMatch(ScenarioReport::eventsChecked);
  }

  public List<Anomaly> anomalies() {
    return sections.stream().flatMap(s -> s.anomalies().stream()).toList();
  }

  public boolean completed() {
    return error == null && sections.stream().allMatch(ScenarioReport::completed);
  }

  /** Every invariant held in every scenario, and every scenario ran. */
  public boolean invariantsOk() {
    return completed() && anomalies().isEmpty();
  }

  public int exitStatus() {
    if (!anomalies().isEmpty()) {
      return EXIT_ANOMALIES;
    }
    return completed() ? EXIT_OK : EXIT_ERROR;
  }
}
