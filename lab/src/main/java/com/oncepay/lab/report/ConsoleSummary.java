package com.oncepay.lab.report;

import com.oncepay.lab.check.Anomaly;
import com.oncepay.lab.load.FaultRecord;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The few lines printed after a run: one per scenario, the verdict, the first anomalies. */
public final class ConsoleSummary {

  private static final int SHOWN = 20;
  private static final String QUEUE_TO_GATEWAY = "oncepay_queue_to_gateway";

  /** The measurements that send nothing but pays: their throughput is payments per second. */
  static final List<String> PAY_ONLY = List.of("pay-loop", "slow-gateway");

  private ConsoleSummary() {}

  /** Payments per second, the pay's percentiles, error answers, and Little's law if it applies. */
  private static void printPayments(ScenarioReport s, PrintStream out) {
    LatencySummary pay = s.latencyByOperation().getOrDefault("pay", LatencySummary.empty());
    out.println(
        String.format(
            Locale.ROOT,
            "%-18s %d payments, %.1f payments/s  pay p50 %.2f ms  p99 %.2f ms  error answers"
                + " (5xx or none): %d",
            "",
            s.payments(),
            s.payThroughput(),
            pay.p50(),
            pay.p99(),
            s.errorAnswers()));
    Double ratio = s.littlesLawRatio();
    if (ratio != null) {
      out.println(
          String.format(
              Locale.ROOT,
              "%-18s Little's law: %s clients / %s ms = %.1f payments/s at most; reached %.1f %%",
              "",
              s.settings().get("concurrency"),
              s.settings().get("gateway_latency_ms"),
              s.littlesLawBound(),
              ratio * 100));
    }
  }

  /** The server's queue-to-gateway percentiles, when the scenario queued anything. */
  private static String queueToGateway(ScenarioReport s) {
    Double p50 = s.serverMetrics().get(QUEUE_TO_GATEWAY + "{quantile=\"0.5\"}");
    Double p99 = s.serverMetrics().get(QUEUE_TO_GATEWAY + "{quantile=\"0.99\"}");
    if (p50 == null || p99 == null || !s.scenario().equals("async-pay")) {
      return null;
    }
    return String.format(
        Locale.ROOT,
        "%-18s server: enqueue to gateway call p50 %.2f ms  p99 %.2f ms",
        "",
        p50,
        p99);
  }

  private static void printChaos(ChaosSummary c, PrintStream out) {
    out.println(
        String.format(
            Locale.ROOT,
            "%-18s accepted %d orders, %d payments; %d faults:",
            "",
            c.acceptedOrders(),
            c.acceptedPayments(),
            c.faults().size()));
    for (FaultRecord f : c.faults()) {
      out.println(
          String.format(
              Locale.ROOT,
              "%-18s   %6.1f s  %-16s %-18s down %5.1f s  %3d in flight  %s",
              "",
              f.atS(),
              f.kind(),
              f.target(),
              f.downS(),
              f.inFlight(),
              f.recoveredAfterS() == null
                  ? "NOT RECOVERED (" + f.unresolved() + " never definite)"
                  : String.format(Locale.ROOT, "definite after %.2f s", f.recoveredAfterS())));
    }
    List<String> findings = c.findings();
    out.println(
        String.format(
            Locale.ROOT,
            "%-18s %s",
            "",
            findings.isEmpty()
                ? "chaos findings: none (every fault recovered within "
                    + (int) ChaosSummary.TARGET_RECOVERY_S
                    + " s, no unexpected answer)"
                : "chaos findings:"));
    findings.forEach(f -> out.println(String.format(Locale.ROOT, "%-18s   %s", "", f)));
  }

  public static void print(RunReport run, PrintStream out) {
    out.println();
    for (ScenarioReport s : run.sections()) {
      out.println(
          String.format(
              Locale.ROOT,
              "%-18s %7d requests %8.1f s %8.1f req/s  p50 %8.2f ms  p99 %8.2f ms  %s",
              s.scenario(),
              s.requests(),
              s.durationS(),
              s.throughputRps(),
              s.latency().p50(),
              s.latency().p99(),
              s.error() != null
                  ? "NOT COMPLETED: " + s.error()
                  : s.anomalies().isEmpty()
                      ? "invariants held"
                      : s.anomalies().size() + " ANOMALIES"));
      if (PAY_ONLY.contains(s.scenario())) {
        printPayments(s, out);
      }
      String queue = queueToGateway(s);
      if (queue != null) {
        out.println(queue);
      }
      if (!s.balancerStatusCounts().isEmpty()) {
        out.println(
            String.format(
                Locale.ROOT,
                "%-18s answered by HAProxy itself: %s; by oncepay: %s",
                "",
                s.balancerStatusCounts(),
                s.oncepayStatusCounts()));
      }
      if (s.chaos() != null) {
        printChaos(s.chaos(), out);
      }
      if (s.eventsChecked()) {
        out.println(
            String.format(
                Locale.ROOT,
                "%-18s events: %d received in %d deliveries",
                "",
                s.events().events(),
                s.events().deliveries()));
      }
    }
    if (run.sections().size() > 1) {
      out.println(
          String.format(
              Locale.ROOT,
              "%-18s %7d requests %8.1f s %8.1f req/s  p50 %8.2f ms  p99 %8.2f ms",
              "total",
              run.requests(),
              run.durationS(),
              run.throughputRps(),
              run.totalLatency().p50(),
              run.totalLatency().p99()));
    }
    if (!run.requestsByInstance().isEmpty()) {
      out.println("API requests served by each instance: " + run.requestsByInstance());
    }
    List<Anomaly> anomalies = run.anomalies();
    if (!anomalies.isEmpty()) {
      out.println();
      out.println(anomalies.size() + " anomalies:");
      run.anomalyCounts()
          .forEach(
              (category, count) -> {
                if (count > 0) {
                  out.println("  " + category.key() + ": " + count);
                }
              });
      anomalies.stream()
          .limit(SHOWN)
          .forEach(a -> out.println("  [" + a.category().key() + "] " + a.message()));
      if (anomalies.size() > SHOWN) {
        out.println("  … " + (anomalies.size() - SHOWN) + " more in the reports");
      }
    }
    if (run.error() != null) {
      out.println("error: " + run.error());
    }
    out.println();
    out.println(
        switch (run.exitStatus()) {
          case RunReport.EXIT_OK -> "every invariant held (exit 0)";
          case RunReport.EXIT_ANOMALIES -> "invariants broken (exit 1)";
          default -> "run incomplete (exit 2)";
        });
  }
}
