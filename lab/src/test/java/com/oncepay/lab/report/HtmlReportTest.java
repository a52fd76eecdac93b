package com.oncepay.lab.report;

import static com.oncepay.lab.report.Reports.anomaly;
import static com.oncepay.lab.report.Reports.run;
import static com.oncepay.lab.report.Reports.section;
import static com.oncepay.lab.report.Reports.withoutEvents;
import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.lab.check.AnomalyCategory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class HtmlReportTest {

  private static final RunReport RUN =
      run(
          "all",
          null,
          section("double-click", List.of(), 900, 1_500, 2_000, 40_000),
          section("same-order-hammer", List.of(anomaly(AnomalyCategory.LOST_UPDATES)), 5_000),
          section("checkout-mix", List.of()));

  private static Document svg(String html) throws Exception {
    int start = html.indexOf("<svg");
    int end = html.indexOf("</svg>") + "</svg>".length();
    assertThat(start).isNotNegative();
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory
        .newDocumentBuilder()
        .parse(
            new ByteArrayInputStream(html.substring(start, end).getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void plotsOnePolylinePerScenarioWithRequestsAsWellFormedSvg() throws Exception {
    Document svg = svg(HtmlReport.write(RUN));
    assertThat(svg.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
    NodeList lines = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline");
    // checkout-mix recorded nothing: no line for it.
    assertThat(lines.getLength()).isEqualTo(2);
    for (int i = 0; i < lines.getLength(); i++) {
      Element line = (Element) lines.item(i);
      String[] points = line.getAttribute("points").trim().split(" ");
      assertThat(points).hasSize(LatencySummary.CURVE_POINTS);
      double previousX = -1;
      for (String point : points) {
        String[] xy = point.split(",");
        double x = Double.parseDouble(xy[0]);
        double y = Double.parseDouble(xy[1]);
        assertThat(x).isGreaterThan(previousX).isBetween(0.0, (double) HtmlReport.WIDTH);
        assertThat(y).isBetween(0.0, (double) HtmlReport.HEIGHT);
        previousX = x;
      }
    }
    assertThat(((Element) lines.item(0)).getAttribute("data-scenario")).isEqualTo("double-click");
  }

  @Test
  void isSelfContained() {
    String html = HtmlReport.write(RUN);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>");
    assertThat(html).doesNotContain("<script", "<link", "src=", "url(", "@import");
  }

  @Test
  void showsTheVerdictTheStatusesAndEveryAnomalyEscaped() {
    String html = HtmlReport.write(RUN);
    assertThat(html).contains("1 anomaly found");
    assertThat(html).contains("<td>io_error</td>", "<td>409 order_busy</td>");
    assertThat(html).contains("payment pay_1 &lt;broke&gt; &amp; more");
    assertThat(html).contains("what double-click does &lt;and&gt; reproduces");
    assertThat(html).doesNotContain("<broke>");
    // The invariants table has one row per category.
    for (AnomalyCategory c : AnomalyCategory.values()) {
      assertThat(html).contains("<b>" + c.key() + "</b>");
    }
  }

  @Test
  void eventCategoriesSayNotCheckedWithoutTheWebhooks() {
    String checked =
        HtmlReport.write(
            run(
                "all",
                null,
                section("double-click", List.of(anomaly(AnomalyCategory.LOST_EVENTS)), 1_000)));
    assertThat(checked).contains("<b>lost_events</b>", "events 6 received in 7 deliveries");
    assertThat(checked).doesNotContain("not checked");

    String unchecked =
        HtmlReport.write(
            run("all", null, withoutEvents(section("double-click", List.of(), 1_000))));
    assertThat(unchecked).contains("<b>duplicate_events</b>", "events not checked");
    // Two rows (duplicate_events, lost_events), each with a scenario cell and a total cell.
    assertThat(unchecked.split("\">not checked</td>", -1)).hasSize(5);
  }

  @Test
  void aCleanRunSaysSoAndAnEmptyPlotStillRenders() throws Exception {
    String html = HtmlReport.write(run("checkout-mix", null, section("checkout-mix", List.of())));
    assertThat(html).contains("Every invariant held");
    Document svg = svg(html);
    assertThat(svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline").getLength())
        .isZero();
    assertThat(html).contains("no requests recorded");
  }
}
