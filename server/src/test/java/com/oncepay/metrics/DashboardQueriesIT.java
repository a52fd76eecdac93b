package com.oncepay.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.testsupport.Api;
import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard and the alert rules against a real Prometheus that scraped this running service
 * while it served payments: synchronous, manual capture with capture, refund and void, declined, a
 * gateway 5xx retried into success, async through the queue, settled by gateway webhooks, and one
 * answered 409 order_busy. Every PromQL expression in deploy/grafana/oncepay.json must return data,
 * and every rule of deploy/prometheus/oncepay-rules.yml must be loaded, healthy, and read only
 * metrics the service exposes.
 */
class DashboardQueriesIT extends ApiTestBase {

  static final Path DASHBOARD =
      Path.of("..", "deploy", "grafana", "oncepay.json").toAbsolutePath().normalize();
  static final Path RULES = PrometheusServer.DEPLOY.resolve("oncepay-rules.yml");

  /** What Grafana would put in for the dashboard's variables. */
  private static final Map<String, String> VARIABLES =
      Map.of("$__rate_interval", "1m", "$instance", ".*");

  private static final Pattern LABEL_VALUES =
      Pattern.compile("label_values\\(\\s*([^,]+?)\\s*,\\s*(\\w+)\\s*\\)");

  /**
   * Started, with the traffic, by whichever test runs first (the service's port is known only
   * inside a test), and stopped after the last one.
   */
  private static PrometheusServer prometheus;

  private static boolean served;

  @AfterAll
  static void stopPrometheus() {
    if (prometheus != null) {
      prometheus.close();
      prometheus = null;
    }
  }

  private void scrapedWhileServing() throws IOException {
    if (served) {
      return;
    }
    assertThat(prometheus).as("an earlier test failed to start Prometheus and serve").isNull();
    prometheus = PrometheusServer.start(port, "/actuator/prometheus", List.of(RULES));
    awaitScrapes(2);
    // Twice, a few scrapes apart: the first round creates the series, the second makes every
    // counter move between two scrapes, which is what rate() needs to see.
    for (int round = 0; round < 2; round++) {
      serve(round);
      awaitScrapes(3);
    }
    served = true;
  }

  @Test
  void everyDashboardQueryReturnsData() throws IOException {
    scrapedWhileServing();
    Map<String, String> queries = dashboardQueries();
    assertThat(queries).hasSizeGreaterThan(20);
    Map<String, String> noData =
        Await.until(
            Duration.ofSeconds(30),
            "every dashboard query to return data",
            () -> withoutData(queries),
            Map::isEmpty);
    assertThat(noData).isEmpty();
  }

  @Test
  void everyRuleIsLoadedHealthyAndReadsOnlyMetricsTheServiceExposes() throws IOException {
    scrapedWhileServing();
    long alertsInFile =
        Pattern.compile("(?m)^\\s*- alert: ").matcher(Files.readString(RULES)).results().count();
    Map<String, JsonNode> rules =
        Await.until(
            Duration.ofSeconds(30),
            "every rule evaluated and healthy",
            this::loadedRules,
            loaded ->
                loaded.size() == alertsInFile
                    && loaded.values().stream()
                        .allMatch(rule -> "ok".equals(rule.path("health").asString())));
    assertThat(rules).hasSize((int) alertsInFile);

    Set<String> exposed = PromQl.exposedNames(operator().get("/actuator/prometheus").text());
    Map<String, Set<String>> missing = new TreeMap<>();
    for (var rule : rules.entrySet()) {
      Set<String> names = PromQl.metricNames(rule.getValue().path("query").asString());
      assertThat(names).as("metrics read by %s", rule.getKey()).isNotEmpty();
      Set<String> absent = new TreeSet<>(names);
      absent.removeAll(exposed);
      if (!absent.isEmpty()) {
        missing.put(rule.getKey(), absent);
      }
    }
    assertThat(missing).as("rules reading metrics the service does not expose").isEmpty();
  }

  @Test
  void requestsAreTaggedByRoutePatternNeverByPath() throws IOException {
    scrapedWhileServing();
    String exposition = operator().get("/actuator/prometheus").text();
    assertThat(exposition)
        .contains("route=\"/v1/orders/{orderId}/payments\"")
        .contains("route=\"/v1/orders/{orderId}\"")
        .contains("route=\"/v1/payments/{paymentId}/capture\"")
        .contains("route=\"/v1/payments/{paymentId}/refunds\"")
        .contains("route=\"/v1/payments/{paymentId}/void\"")
        .doesNotContain("route=\"/v1/orders/ord_")
        .doesNotContain("route=\"/actuator");
    // Answered by the API key filter, before any route matched: one per round.
    assertThat(exposition)
        .containsPattern(
            "oncepay_http_requests_seconds_count\\{method=\"GET\",outcome=\"4xx\","
                + "route=\"none\"} 2(\\.0)?\n");
    assertThat(exposition)
        .containsPattern("oncepay_http_busy_total\\{code=\"order_busy\"} 2(\\.0)?\n");
  }

  /** Every {@code expr} of the dashboard's panels, and its variables' label_values queries. */
  private static Map<String, String> dashboardQueries() throws IOException {
    JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
    Map<String, String> queries = new LinkedHashMap<>();
    collectExprs(dashboard.path("panels"), "", queries);
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      Matcher m = LABEL_VALUES.matcher(variable.path("definition").asString());
      if (m.matches()) {
        queries.put(
            "variable " + variable.path("name").asString(),
            "count by (" + m.group(2) + ") (" + m.group(1) + ")");
      }
    }
    return queries;
  }

  private static void collectExprs(JsonNode node, String where, Map<String, String> queries) {
    if (node.isArray()) {
      for (JsonNode child : node) {
        collectExprs(child, where, queries);
      }
    } else if (node.isObject()) {
      String here = node.has("title") ? node.path("title").asString() : where;
      if (node.has("expr")) {
        String expr = node.path("expr").asString();
        for (var variable : VARIABLES.entrySet()) {
          expr = expr.replace(variable.getKey(), variable.getValue());
        }
        assertThat(expr).as("variables left in %s", here).doesNotContain("$");
        queries.put(here + " / " + node.path("refId").asString(), expr);
      }
      for (JsonNode child : node) {
        collectExprs(child, here, queries);
      }
    }
  }

  /** The queries whose result is empty or has no number in it (NaN from 0/0 is no data). */
  private Map<String, String> withoutData(Map<String, String> queries) {
    Map<String, String> noData = new TreeMap<>();
    for (var query : queries.entrySet()) {
      JsonNode result = prometheus.query(query.getValue());
      boolean anyNumber = false;
      for (JsonNode series : result) {
        String value = series.path("value").path(1).asString();
        anyNumber |= !value.equals("NaN") && !value.isEmpty();
      }
      if (!anyNumber) {
        noData.put(query.getKey(), query.getValue() + " -> " + result);
      }
    }
    return noData;
  }

  private Map<String, JsonNode> loadedRules() {
    Map<String, JsonNode> rules = new TreeMap<>();
    for (JsonNode group : prometheus.ruleGroups()) {
      for (JsonNode rule : group.path("rules")) {
        rules.put(rule.path("name").asString(), rule);
      }
    }
    return rules;
  }

  /** Waits until Prometheus has scraped the service {@code n} more times, successfully. */
  private void awaitScrapes(int n) {
    double before = scrapes();
    Await.until(
        Duration.ofSeconds(30),
        n + " more scrapes; prometheus log:\n" + prometheus.log(),
        () -> scrapes() >= before + n);
  }

  private double scrapes() {
    JsonNode result = prometheus.query("sum_over_time(up{job=\"oncepay\"}[10m])");
    return result.isEmpty()
        ? 0
        : Double.parseDouble(result.path(0).path("value").path(1).asString());
  }

  /** One round of traffic with every kind of answer the dashboard shows. */
  private void serve(int round) {
    Api api = api();
    String tag = round + "-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> paidOrders = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String order = api.createOrder("cart-ok-" + tag + "-" + i, 1000 + i);
      assertThat(pay(api, order, "k-" + order, "{\"payment_method\":\"pm_ok\"}").status())
          .isEqualTo(201);
      paidOrders.add(order);
    }
    for (String order : paidOrders) {
      assertThat(api.get("/v1/orders/" + order).status()).isEqualTo(200);
    }

    String manual = api.createOrder("cart-manual-" + tag, 5000);
    Resp authorized =
        pay(api, manual, "k-m-" + tag, "{\"payment_method\":\"pm_ok\",\"capture\":\"manual\"}");
    assertThat(authorized.status()).isEqualTo(201);
    String payment = authorized.json().get("id").asString();
    assertThat(api.post("/v1/payments/" + payment + "/capture", "k-c-" + tag, "{}").status())
        .isEqualTo(200);
    assertThat(
            api.post("/v1/payments/" + payment + "/refunds", "k-r-" + tag, "{\"amount\":100}")
                .status())
        .isEqualTo(201);

    String toVoid = api.createOrder("cart-void-" + tag, 700);
    Resp held =
        pay(api, toVoid, "k-v-" + tag, "{\"payment_method\":\"pm_ok\",\"capture\":\"manual\"}");
    assertThat(
            api.post(
                    "/v1/payments/" + held.json().get("id").asString() + "/void", "k-vv-" + tag, "")
                .status())
        .isEqualTo(200);

    String declined = api.createOrder("cart-declined-" + tag, 900);
    assertThat(pay(api, declined, "k-d-" + tag, "{\"payment_method\":\"pm_declined\"}").status())
        .isEqualTo(402);

    // The gateway answers 5xx first (an unknown outcome), then approves the retry with the key.
    String flaky = api.createOrder("cart-flaky-" + tag, 800);
    assertThat(pay(api, flaky, "k-f-" + tag, "{\"payment_method\":\"pm_error_then_ok\"}").status())
        .isEqualTo(201);

    String queued = api.createOrder("cart-async-" + tag, 1200);
    assertThat(
            pay(api, queued, "k-a-" + tag, "{\"payment_method\":\"pm_ok\",\"async\":true}")
                .status())
        .isEqualTo(202);
    String settledByWebhook = api.createOrder("cart-webhook-" + tag, 1300);
    assertThat(
            pay(api, settledByWebhook, "k-w-" + tag, "{\"payment_method\":\"pm_async\"}").status())
        .isEqualTo(202);

    // A slow payment in flight, and a second attempt on the same order with another key: busy.
    String contended = api.createOrder("cart-busy-" + tag, 1400);
    CompletableFuture<Resp> slow =
        CompletableFuture.supplyAsync(
            () -> pay(api, contended, "k-s-" + tag, "{\"payment_method\":\"pm_slow\"}"));
    Await.until(
        Duration.ofSeconds(10),
        "the slow payment in flight",
        () -> status(api, contended).equals("payment_processing"));
    Resp busy = pay(api, contended, "k-b-" + tag, "{\"payment_method\":\"pm_ok\"}");
    assertThat(busy.status()).isEqualTo(409);
    assertThat(busy.errorCode()).isEqualTo("order_busy");
    assertThat(slow.join().status()).isEqualTo(201);

    assertThat(api.withKey("sk_wrong").get("/v1/orders/" + manual).status()).isEqualTo(401);

    for (String order : List.of(queued, settledByWebhook)) {
      Await.until(Duration.ofSeconds(30), order + " paid", () -> status(api, order).equals("paid"));
    }
  }

  private static Resp pay(Api api, String order, String key, String body) {
    return api.post("/v1/orders/" + order + "/payments", key, body);
  }

  private static String status(Api api, String order) {
    return api.get("/v1/orders/" + order).json().get("status").asString();
  }
}
