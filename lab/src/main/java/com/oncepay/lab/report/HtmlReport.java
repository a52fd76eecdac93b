package com.oncepay.lab.report;

import com.oncepay.lab.check.Anomaly;
import com.oncepay.lab.check.AnomalyCategory;
import com.oncepay.lab.load.FaultRecord;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTML report: one self-contained file (inline CSS and SVG, no scripts, no external assets), so
 * it opens anywhere, offline, and can be attached to a ticket. The SVG is well-formed XML.
 */
public final class HtmlReport {

  static final int MAX_ROWS = 500;

  private static final String[] COLORS = {
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b"
  };

  // Plot geometry, in SVG user units.
  static final int WIDTH = 960;
  static final int HEIGHT = 440;
  private static final int LEFT = 72;
  private static final int RIGHT = 190;
  private static final int TOP = 20;
  private static final int BOTTOM = 56;

  private HtmlReport() {}

  public static String write(RunReport run) {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>oncepay race lab: ")
        .append(esc(run.scenario()))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n");
    header(h, run);
    invariants(h, run);
    plot(h, run);
    scenarios(h, run);
    anomalies(h, run);
    notes(h, run);
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private static void header(StringBuilder h, RunReport run) {
    h.append("<header>\n<h1>oncepay race lab</h1>\n<p class=\"meta\">scenario <b>")
        .append(esc(run.scenario()))
        .append("</b> · target ")
        .append(esc(run.target()))
        .append(" · ledger ")
        .append(run.ledger() == null ? "not checked" : esc(run.ledger()))
        .append(" · started ")
        .append(esc(run.startedAt().toString()))
        .append(" · run ")
        .append(esc(run.runId()))
        .append(" · seed ")
        .append(run.seed())
        .append("</p>\n");
    int anomalies = run.anomalies().size();
    String css;
    String text;
    if (anomalies > 0) {
      css = "bad";
      text = anomalies + (anomalies == 1 ? " anomaly" : " anomalies") + " found";
    } else if (!run.completed()) {
      css = "warn";
      text = "Run incomplete: no anomaly found in what ran";
    } else {
      css = "ok";
      text = "Every invariant held";
    }
    h.append("<div class=\"verdict ")
        .append(css)
        .append("\">")
        .append(esc(text))
        .append(" · ")
        .append(run.requests())
        .append(" requests in ")
        .append(fmt(run.durationS()))
        .append(" s · ")
        .append(fmt(run.throughputRps()))
        .append(" req/s · p50 ")
        .append(fmt(run.totalLatency().p50()))
        .append(" ms · p99 ")
        .append(fmt(run.totalLatency().p99()))
        .append(" ms · exit status ")
        .append(run.exitStatus())
        .append("</div>\n");
    if (run.error() != null) {
      h.append("<p class=\"error\">").append(esc(run.error())).append("</p>\n");
    }
    h.append("</header>\n");
  }

  private static void invariants(StringBuilder h, RunReport run) {
    h.append("<section>\n<h2>Invariants</h2>\n<table class=\"grid\">\n<thead><tr><th>check</th>")
        .append("<th>DESIGN.md</th>");
    for (ScenarioReport s : run.sections()) {
      h.append("<th>").append(esc(s.scenario())).append("</th>");
    }
    h.append("<th>total</th></tr></thead>\n<tbody>\n");
    Map<AnomalyCategory, Integer> totals = run.anomalyCounts();
    for (AnomalyCategory c : AnomalyCategory.values()) {
      h.append("<tr><td><b>")
          .append(c.key())
          .append("</b><br><span class=\"small\">")
          .append(esc(c.meaning()))
          .append("</span></td><td>invariant ")
          .append(c.invariant())
          .append("</td>");
      for (ScenarioReport s : run.sections()) {
        int n = s.anomalyCounts().get(c);
        boolean skipped = !s.completed() && n == 0;
        boolean unchecked = c.needsEvents() && !s.eventsChecked();
        h.append("<td class=\"")
            .append(n > 0 ? "bad" : skipped || unchecked ? "warn" : "ok")
            .append("\">")
            .append(skipped ? "not run" : unchecked ? "not checked" : n)
            .append("</td>");
      }
      int total = totals.get(c);
      boolean unchecked =
          c.needsEvents() && run.sections().stream().noneMatch(ScenarioReport::eventsChecked);
      h.append("<td class=\"")
          .append(total > 0 ? "bad" : unchecked ? "warn" : "ok")
          .append("\">")
          .append(unchecked ? "not checked" : total)
          .append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n</section>\n");
  }

  private static void plot(StringBuilder h, RunReport run) {
    h.append("<section>\n<h2>Latency by percentile</h2>\n")
        .append("<p class=\"small\">Each line is one scenario's per-request latency. Read it left")
        .append(" to right: the median, then the slowest one in ten, one in a hundred, … A line")
        .append(" that bends up steeply on the right is a tail. Both axes are logarithmic.</p>\n");
    h.append(percentileSvg(run.sections()));
    h.append("</section>\n");
  }

  /** The percentile plot: one polyline of {@value LatencySummary#CURVE_POINTS} points per run. */
  static String percentileSvg(List<ScenarioReport> sections) {
    double lo = Double.MAX_VALUE;
    double hi = 0;
    for (ScenarioReport s : sections) {
      for (LatencySummary.Point p : s.latency().curve()) {
        lo = Math.min(lo, Math.max(p.ms(), 0.01));
        hi = Math.max(hi, Math.max(p.ms(), 0.01));
      }
    }
    if (hi == 0) {
      lo = 0.1;
      hi = 10;
    }
    double yMin = Math.floor(Math.log10(lo));
    double yMax = Math.max(yMin + 1, Math.ceil(Math.log10(hi)));
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(HEIGHT)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"latency in milliseconds by percentile\">\n");
    s.append("<rect x=\"")
        .append(LEFT)
        .append("\" y=\"")
        .append(TOP)
        .append("\" width=\"")
        .append(plotW)
        .append("\" height=\"")
        .append(plotH)
        .append("\" fill=\"#fbfbfd\" stroke=\"#888\"/>\n");
    String[] xLabels = {"0%", "90%", "99%", "99.9%", "99.99%"};
    for (int d = 0; d <= (int) LatencySummary.CURVE_DECADES; d++) {
      double x = LEFT + plotW * d / LatencySummary.CURVE_DECADES;
      line(s, x, TOP, x, TOP + plotH, "#ddd");
      text(s, x, TOP + plotH + 18, "middle", xLabels[d]);
    }
    double x50 = LEFT + plotW * Math.log10(2) / LatencySummary.CURVE_DECADES;
    line(s, x50, TOP, x50, TOP + plotH, "#eee");
    text(s, x50, TOP + plotH + 18, "middle", "50%");
    text(s, LEFT + plotW / 2.0, HEIGHT - 10, "middle", "percentile");
    for (int d = (int) yMin; d <= (int) yMax; d++) {
      double y = TOP + plotH - plotH * (d - yMin) / (yMax - yMin);
      line(s, LEFT, y, LEFT + plotW, y, "#ddd");
      text(s, LEFT - 6, y + 4, "end", msLabel(Math.pow(10, d)));
    }
    s.append("<text x=\"16\" y=\"")
        .append(fmt(TOP + plotH / 2.0))
        .append("\" text-anchor=\"middle\" transform=\"rotate(-90 16 ")
        .append(fmt(TOP + plotH / 2.0))
        .append(")\">latency (ms)</text>\n");
    int i = 0;
    for (ScenarioReport section : sections) {
      List<LatencySummary.Point> curve = section.latency().curve();
      if (curve.isEmpty()) {
        continue;
      }
      String color = COLORS[i % COLORS.length];
      StringBuilder points = new StringBuilder();
      for (LatencySummary.Point p : curve) {
        double decades = -Math.log10(Math.max(1e-9, 1 - p.percentile() / 100));
        double x = LEFT + plotW * Math.min(decades, LatencySummary.CURVE_DECADES) / 4;
        double ms = Math.max(p.ms(), 0.01);
        double y = TOP + plotH - plotH * (Math.log10(ms) - yMin) / (yMax - yMin);
        if (!points.isEmpty()) {
          points.append(' ');
        }
        points.append(fmt(x)).append(',').append(fmt(y));
      }
      s.append("<polyline class=\"curve\" data-scenario=\"")
          .append(esc(section.scenario()))
          .append("\" fill=\"none\" stroke=\"")
          .append(color)
          .append("\" stroke-width=\"2\" points=\"")
          .append(points)
          .append("\"/>\n");
      double ly = TOP + 14 + 20 * i;
      int lx = WIDTH - RIGHT + 14;
      line(s, lx, ly - 4, lx + 22, ly - 4, color, 3);
      text(s, lx + 28, ly, "start", section.scenario());
      i++;
    }
    if (i == 0) {
      text(s, LEFT + plotW / 2.0, TOP + plotH / 2.0, "middle", "no requests recorded");
    }
    s.append("</svg>\n");
    return s.toString();
  }

  private static void scenarios(StringBuilder h, RunReport run) {
    h.append("<section>\n<h2>Scenarios</h2>\n");
    for (ScenarioReport s : run.sections()) {
      h.append("<article>\n<h3>")
          .append(esc(s.scenario()))
          .append(" <span class=\"")
          .append(s.invariantsOk() ? "ok" : s.anomalies().isEmpty() ? "warn" : "bad")
          .append(" pill\">")
          .append(
              s.invariantsOk()
                  ? "invariants held"
                  : s.anomalies().isEmpty()
                      ? "did not complete"
                      : s.anomalies().size() + " anomalies")
          .append("</span></h3>\n<p>")
          .append(esc(s.description()))
          .append("</p>\n");
      if (s.error() != null) {
        h.append("<p class=\"error\">").append(esc(s.error())).append("</p>\n");
      }
      h.append("<p class=\"small\">");
      s.settings().forEach((k, v) -> h.append(esc(k)).append(' ').append(esc(v)).append(" · "));
      h.append("ledger ").append(s.ledgerChecked() ? "compared" : "not compared").append(" · ");
      h.append(
              s.eventsChecked()
                  ? "events "
                      + s.events().events()
                      + " received in "
                      + s.events().deliveries()
                      + " deliveries"
                  : "events not checked")
          .append("</p>\n");
      h.append("<table class=\"stats\"><tr><th>requests</th><th>duration</th><th>req/s</th>")
          .append("<th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th></tr><tr><td>")
          .append(s.requests())
          .append("</td><td>")
          .append(fmt(s.durationS()))
          .append(" s</td><td>")
          .append(fmt(s.throughputRps()))
          .append("</td>");
      LatencySummary l = s.latency();
      for (double v : new double[] {l.p50(), l.p90(), l.p99(), l.p999(), l.max()}) {
        h.append("<td>").append(fmt(v)).append(" ms</td>");
      }
      h.append("</tr></table>\n");
      if (s.chaos() != null) {
        chaosTable(h, s.chaos());
      }
      h.append("<div class=\"cols\">\n");
      statusTable(h, s);
      originTable(h, s);
      errorTable(h, s);
      operationTable(h, s);
      serverMetricsTable(h, s);
      h.append("</div>\n");
      if (s.labProblems() > 0) {
        h.append("<details><summary>")
            .append(s.labProblems())
            .append(" requests or flows the lab could not complete (not anomalies by themselves)")
            .append("</summary><ul>");
        s.problemSamples().forEach(p -> h.append("<li>").append(esc(p)).append("</li>"));
        h.append("</ul></details>\n");
      }
      h.append("</article>\n");
    }
    h.append("</section>\n");
  }

  private static void statusTable(StringBuilder h, ScenarioReport s) {
    long total = Math.max(1, s.statusCounts().values().stream().mapToLong(Long::longValue).sum());
    h.append("<table class=\"status\"><thead><tr><th>status</th><th>count</th><th>share</th>")
        .append("</tr></thead><tbody>\n");
    s.statusCounts()
        .forEach(
            (status, count) -> {
              double share = 100.0 * count / total;
              h.append("<tr><td>")
                  .append(esc(status))
                  .append("</td><td>")
                  .append(count)
                  .append("</td><td><span class=\"bar s")
                  .append(statusClass(status))
                  .append("\" style=\"width:")
                  .append(fmt(Math.max(0.5, share * 2)))
                  .append("px\"></span> ")
                  .append(fmt(share))
                  .append("%</td></tr>\n");
            });
    h.append("</tbody></table>\n");
  }

  /** The faults with their recovery times, then the findings. */
  private static void chaosTable(StringBuilder h, ChaosSummary c) {
    h.append("<p>Accepted ")
        .append(c.acceptedOrders())
        .append(" orders and ")
        .append(c.acceptedPayments())
        .append(" payments. Recovery: from the fault until every operation in flight at that")
        .append(" moment was definite (target ")
        .append((int) ChaosSummary.TARGET_RECOVERY_S)
        .append(" s).</p>\n");
    h.append("<table class=\"faults\"><thead><tr><th>at</th><th>fault</th><th>target</th>")
        .append("<th>down</th><th>in flight</th><th>definite after</th></tr></thead><tbody>\n");
    for (FaultRecord f : c.faults()) {
      Double r = f.recoveredAfterS();
      String cls = r == null ? "bad" : r > ChaosSummary.TARGET_RECOVERY_S ? "warn" : "ok";
      h.append("<tr><td>")
          .append(fmt(f.atS()))
          .append(" s</td><td>")
          .append(esc(f.kind()))
          .append("</td><td>")
          .append(esc(f.target()))
          .append("</td><td>")
          .append(fmt(f.downS()))
          .append(" s</td><td>")
          .append(f.inFlight())
          .append("</td><td class=\"")
          .append(cls)
          .append("\">")
          .append(
              r == null ? "not recovered (" + f.unresolved() + " never definite)" : fmt(r) + " s")
          .append(f.note() == null ? "" : " · " + esc(f.note()))
          .append(f.error() == null ? "" : " · " + esc(f.error()))
          .append("</td></tr>\n");
    }
    h.append("</tbody></table>\n");
    List<String> findings = c.findings();
    if (findings.isEmpty()) {
      h.append("<p class=\"ok\">Chaos findings: none.</p>\n");
    } else {
      h.append("<p class=\"error\">Chaos findings:</p><ul>");
      findings.forEach(f -> h.append("<li>").append(esc(f)).append("</li>"));
      h.append("</ul>\n");
    }
  }

  /** Who answered: HAProxy itself (X-Oncepay-Balancer) or oncepay. */
  private static void originTable(StringBuilder h, ScenarioReport s) {
    if (s.balancerStatusCounts().isEmpty()) {
      return;
    }
    h.append("<table class=\"codes\"><thead><tr><th>answered by</th><th>status</th>")
        .append("<th>count</th></tr></thead><tbody>\n");
    s.balancerStatusCounts()
        .forEach(
            (condition, count) ->
                h.append("<tr><td>HAProxy (its ")
                    .append(esc(condition))
                    .append(")</td><td>503</td><td>")
                    .append(count)
                    .append("</td></tr>\n"));
    s.oncepayStatusCounts()
        .forEach(
            (status, count) ->
                h.append("<tr><td>oncepay</td><td>")
                    .append(esc(status))
                    .append("</td><td>")
                    .append(count)
                    .append("</td></tr>\n"));
    h.append("</tbody></table>\n");
  }

  private static void errorTable(StringBuilder h, ScenarioReport s) {
    if (s.errorCodes().isEmpty()) {
      return;
    }
    h.append("<table class=\"codes\"><thead><tr><th>error answer</th><th>count</th></tr>")
        .append("</thead><tbody>\n");
    s.errorCodes()
        .forEach(
            (code, count) ->
                h.append("<tr><td>")
                    .append(esc(code))
                    .append("</td><td>")
                    .append(count)
                    .append("</td></tr>\n"));
    h.append("</tbody></table>\n");
  }

  private static String statusClass(String status) {
    if (status.startsWith("2")) {
      return "2";
    }
    if (status.startsWith("4")) {
      return "4";
    }
    return "5";
  }

  private static void operationTable(StringBuilder h, ScenarioReport s) {
    h.append("<table class=\"ops\"><thead><tr><th>operation</th><th>count</th><th>p50</th>")
        .append("<th>p99</th><th>max</th></tr></thead><tbody>\n");
    s.latencyByOperation()
        .forEach(
            (op, l) ->
                h.append("<tr><td>")
                    .append(esc(op))
                    .append("</td><td>")
                    .append(l.count())
                    .append("</td><td>")
                    .append(fmt(l.p50()))
                    .append(" ms</td><td>")
                    .append(fmt(l.p99()))
                    .append(" ms</td><td>")
                    .append(fmt(l.max()))
                    .append(" ms</td></tr>\n"));
    h.append("</tbody></table>\n");
  }

  private static void serverMetricsTable(StringBuilder h, ScenarioReport s) {
    if (s.serverMetrics().isEmpty()) {
      return;
    }
    h.append("<table class=\"ops\"><thead><tr><th>the service's own timer (last ~2 min)</th>")
        .append("<th>value</th></tr></thead><tbody>\n");
    s.serverMetrics()
        .forEach(
            (metric, ms) ->
                h.append("<tr><td>")
                    .append(esc(metric))
                    .append("</td><td>")
                    .append(fmt(ms))
                    .append(" ms</td></tr>\n"));
    h.append("</tbody></table>\n");
  }

  private static void anomalies(StringBuilder h, RunReport run) {
    List<Anomaly> all = run.anomalies();
    h.append("<section>\n<h2>Anomalies</h2>\n");
    if (all.isEmpty()) {
      h.append("<p class=\"ok pill\">none</p>\n</section>\n");
      return;
    }
    h.append("<table class=\"anomalies\"><thead><tr><th>scenario</th><th>category</th>")
        .append("<th>what happened</th><th>ids</th></tr></thead><tbody>\n");
    int rows = 0;
    for (ScenarioReport s : run.sections()) {
      for (Anomaly a : s.anomalies()) {
        if (rows++ >= MAX_ROWS) {
          break;
        }
        h.append("<tr><td>")
            .append(esc(s.scenario()))
            .append("</td><td>")
            .append(a.category().key())
            .append("</td><td>")
            .append(esc(a.message()))
            .append("</td><td class=\"ids\">")
            .append(esc(String.join(" ", a.ids())))
            .append("</td></tr>\n");
      }
    }
    h.append("</tbody></table>\n");
    if (all.size() > MAX_ROWS) {
      h.append("<p class=\"small\">")
          .append(all.size() - MAX_ROWS)
          .append(" more in the JSON report.</p>\n");
    }
    h.append("</section>\n");
  }

  private static void notes(StringBuilder h, RunReport run) {
    h.append("<section>\n<h2>How to read this</h2>\n<ul class=\"small\">\n")
        .append("<li>Each check is an invariant of DESIGN.md; a red cell links a scenario to the")
        .append(" anomalies listed below, each with the order, payment, charge and key ids")
        .append(" involved.</li>\n")
        .append("<li>409 and 422 answers are expected in races: they are the losers being told")
        .append(" so. Only anomalies break a promise.</li>\n")
        .append("<li>checkout-mix latencies are measured from when each checkout was due, not")
        .append(" when it was sent (corrected for coordinated omission).</li>\n");
    run.notes().forEach(n -> h.append("<li>").append(esc(n)).append("</li>\n"));
    h.append("</ul>\n</section>\n");
  }

  private static void line(StringBuilder s, double x1, double y1, double x2, double y2, String c) {
    line(s, x1, y1, x2, y2, c, 1);
  }

  private static void line(
      StringBuilder s, double x1, double y1, double x2, double y2, String color, int width) {
    s.append("<line x1=\"")
        .append(fmt(x1))
        .append("\" y1=\"")
        .append(fmt(y1))
        .append("\" x2=\"")
        .append(fmt(x2))
        .append("\" y2=\"")
        .append(fmt(y2))
        .append("\" stroke=\"")
        .append(color)
        .append("\" stroke-width=\"")
        .append(width)
        .append("\"/>\n");
  }

  private static void text(StringBuilder s, double x, double y, String anchor, String text) {
    s.append("<text x=\"")
        .append(fmt(x))
        .append("\" y=\"")
        .append(fmt(y))
        .append("\" text-anchor=\"")
        .append(anchor)
        .append("\">")
        .append(esc(text))
        .append("</text>\n");
  }

  private static String msLabel(double ms) {
    if (ms >= 1000) {
      return fmt(ms / 1000) + " s";
    }
    return fmt(ms) + " ms";
  }

  static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e12) {
      return Long.toString((long) v);
    }
    String s = String.format(Locale.ROOT, "%.2f", v);
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }

  static String esc(Object value) {
    String s = String.valueOf(value);
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static final String CSS =
      """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;
        max-width:1100px;padding:0 16px;color:#1d1d1f;background:#fff}
      h1{margin:0 0 4px}h2{margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
      h3{margin:18px 0 4px}.meta,.small{color:#555;font-size:12px}
      .verdict{padding:12px 16px;border-radius:6px;font-size:16px;font-weight:600;margin:12px 0}
      .ok{background:#e3f6e5;color:#0b5d1e}.bad{background:#fde4e4;color:#8a1111}
      .warn{background:#fff4d6;color:#6b4e00}
      .pill{font-size:12px;padding:2px 8px;border-radius:10px;display:inline-block}
      .error{color:#8a1111;font-weight:600}
      table{border-collapse:collapse;margin:6px 0}
      th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
      th{background:#f4f4f6}.grid td{text-align:center}.grid td:first-child{text-align:left}
      .cols{display:flex;gap:24px;flex-wrap:wrap;align-items:flex-start}
      .bar{display:inline-block;height:10px;vertical-align:middle}
      .s2{background:#4caf50}.s4{background:#f0a030}.s5{background:#d62728}
      .ids{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;word-break:break-all}
      svg.plot{max-width:100%;height:auto;font-size:12px}
      article{border-top:1px dashed #ddd;margin-top:12px}
      """;
}
