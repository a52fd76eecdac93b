package com.oncepay.lab.report;

import com.oncepay.lab.check.Anomaly;
import com.oncepay.lab.check.AnomalyCategory;
import com.oncepay.lab.load.FaultRecord;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON report: the fields CONTRACT.md fixes first, at the top level and for the whole run
 * (totals when several scenarios ran), then extras — one section per scenario under {@code
 * scenarios}, each anomaly with its ids under {@code anomaly_details}.
 */
public final class JsonReport {

  /** Keeps the file readable when a broken server produces thousands of anomalies. */
  static final int MAX_DETAILS = 2_000;

  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private JsonReport() {}

  public static String write(RunReport run) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("scenario", run.scenario());
    root.put("requests", run.requests());
    root.put("duration_s", run.durationS());
    root.put("throughput_rps", run.throughputRps());
    root.set("latency_ms", latency(root, run.totalLatency()));
    root.set("status_counts", statusCounts(root, run.statusCounts()));
    root.set("anomalies", anomalyCounts(root, run.anomalyCounts()));
    root.put("invariants_ok", run.invariantsOk());
    root.put("exit_status", run.exitStatus());
    root.put("error", run.error());
    root.put("target", run.target());
    root.put("gateway_ledger", run.ledger());
    root.put("events_checked", run.eventsChecked());
    root.set("balancer_status_counts", statusCounts(root, run.balancerStatusCounts()));
    if (!run.requestsByInstance().isEmpty()) {
      root.set("requests_by_instance", statusCounts(root, run.requestsByInstance()));
    }
    if (run.chaos() != null) {
      chaos(root, run.chaos());
    }
    root.put("run_id", run.runId());
    root.put("seed", run.seed());
    root.put("started_at", run.startedAt().toString());
    ArrayNode notes = root.putArray("notes");
    run.notes().forEach(notes::add);
    ArrayNode sections = root.putArray("scenarios");
    for (ScenarioReport s : run.sections()) {
      sections.add(section(root, s));
    }
    List<Anomaly> all = run.anomalies();
    ArrayNode details = root.putArray("anomaly_details");
    run.sections()
        .forEach(
            s ->
                s.anomalies().stream()
                    .limit(Math.max(0, MAX_DETAILS - details.size()))
                    .forEach(a -> details.add(anomaly(root, s.scenario(), a))));
    root.put("anomaly_details_omitted", all.size() - details.size());
    return MAPPER.writeValueAsString(root) + "\n";
  }

  private static ObjectNode section(ObjectNode factory, ScenarioReport s) {
    ObjectNode node = factory.objectNode();
    node.put("scenario", s.scenario());
    node.put("requests", s.requests());
    node.put("duration_s", s.durationS());
    node.put("throughput_rps", s.throughputRps());
    if (ConsoleSummary.PAY_ONLY.contains(s.scenario())) {
      node.put("payments_per_s", s.payThroughput());
      node.put("error_answers", s.errorAnswers());
    }
    if (s.littlesLawRatio() != null) {
      node.put("littles_law_ratio", s.littlesLawRatio());
    }
    node.set("latency_ms", latency(factory, s.latency()));
    node.set("status_counts", statusCounts(factory, s.statusCounts()));
    node.set("anomalies", anomalyCounts(factory, s.anomalyCounts()));
    node.put("invariants_ok", s.invariantsOk());
    node.put("completed", s.completed());
    node.put("error", s.error());
    node.set("error_codes", statusCounts(factory, s.errorCodes()));
    node.put("description", s.description());
    ObjectNode settings = node.putObject("settings");
    s.settings().forEach((k, v) -> settings.set(k, MAPPER.valueToTree(v)));
    node.put("ledger_checked", s.ledgerChecked());
    node.put("events_checked", s.eventsChecked());
    if (s.eventsChecked()) {
      node.put("event_deliveries", s.events().deliveries());
      node.put("events_distinct", s.events().events());
    }
    node.set("balancer_status_counts", statusCounts(factory, s.balancerStatusCounts()));
    node.set("oncepay_status_counts", statusCounts(factory, s.oncepayStatusCounts()));
    if (s.chaos() != null) {
      chaos(node, s.chaos());
    }
    node.put("lab_problems", s.labProblems());
    ArrayNode samples = node.putArray("lab_problem_samples");
    s.problemSamples().forEach(samples::add);
    ObjectNode byOperation = node.putObject("latency_ms_by_operation");
    s.latencyByOperation().forEach((op, l) -> byOperation.set(op, latency(factory, l)));
    ArrayNode curve = node.putArray("latency_percentiles");
    for (LatencySummary.Point p : s.latency().curve()) {
      curve.addArray().add(p.percentile()).add(p.ms());
    }
    node.put("latency_histogram_hdr", s.histogram());
    ObjectNode server = node.putObject("server_metrics_ms");
    s.serverMetrics().forEach(server::put);
    ArrayNode details = node.putArray("anomaly_details");
    s.anomalies().stream()
        .limit(MAX_DETAILS)
        .forEach(a -> details.add(anomaly(factory, s.scenario(), a)));
    return node;
  }

  /** The chaos fields, into {@code node}: the whole run's and the chaos section's. */
  private static void chaos(ObjectNode node, ChaosSummary c) {
    node.put("accepted", c.acceptedOrders());
    node.put("accepted_payments", c.acceptedPayments());
    node.put("recovery_target_s", ChaosSummary.TARGET_RECOVERY_S);
    Double worst = c.worstRecoveryS();
    if (worst == null) {
      node.putNull("worst_recovery_s");
    } else {
      node.put("worst_recovery_s", worst);
    }
    ArrayNode faults = node.putArray("faults");
    for (FaultRecord f : c.faults()) {
      ObjectNode fault = faults.addObject();
      fault.put("kind", f.kind());
      fault.put("target", f.target());
      fault.put("at_s", f.atS());
      fault.put("down_s", f.downS());
      fault.put("in_flight", f.inFlight());
      if (f.recoveredAfterS() == null) {
        fault.putNull("recovered_after_s");
      } else {
        fault.put("recovered_after_s", f.recoveredAfterS());
      }
      fault.put("unresolved", f.unresolved());
      fault.put("slowest", f.slowest());
      fault.put("note", f.note());
      fault.put("error", f.error());
    }
    node.set("unexpected_answers", statusCounts(node, c.unexpectedAnswers()));
    node.put("shop_calls_gave_up", c.gaveUp());
    ArrayNode findings = node.putArray("findings");
    c.findings().forEach(findings::add);
  }

  private static ObjectNode latency(ObjectNode factory, LatencySummary l) {
    ObjectNode node = factory.objectNode();
    node.put("p50", l.p50());
    node.put("p90", l.p90());
    node.put("p99", l.p99());
    node.put("max", l.max());
    node.put("p99_9", l.p999());
    node.put("mean", l.mean());
    node.put("count", l.count());
    return node;
  }

  private static ObjectNode statusCounts(ObjectNode factory, Map<String, Long> counts) {
    ObjectNode node = factory.objectNode();
    counts.forEach(node::put);
    return node;
  }

  private static ObjectNode anomalyCounts(ObjectNode factory, Map<AnomalyCategory, Integer> c) {
    ObjectNode node = factory.objectNode();
    for (AnomalyCategory category : AnomalyCategory.values()) {
      node.put(category.key(), c.getOrDefault(category, 0));
    }
    return node;
  }

  private static ObjectNode anomaly(ObjectNode factory, String scenario, Anomaly a) {
    ObjectNode node = factory.objectNode();
    node.put("scenario", scenario);
    node.put("category", a.category().key());
    node.put("invariant", a.category().invariant());
    node.put("message", a.message());
    ArrayNode ids = node.putArray("ids");
    a.ids().forEach(ids::add);
    return node;
  }
}
