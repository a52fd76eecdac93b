package com.oncepay.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

  @Test
  void findsTheMetricsOfARatioWithLabelListsAndMatchers() {
    assertThat(
            PromQl.metricNames(
                "sum by (job, gateway) (rate(oncepay_gateway_calls_seconds_count"
                    + "{outcome=~\"unknown|declined\"}[5m])) / ignoring (outcome) group_left"
                    + " sum by (job) (rate(other_total[5m] offset 1m)) > bool 0.05"))
        .containsExactly("oncepay_gateway_calls_seconds_count", "other_total");
  }

  @Test
  void skipsFunctionsAggregationsAndNumbers() {
    assertThat(
            PromQl.metricNames(
                "histogram_quantile(0.99, sum(rate(oncepay_http_requests_seconds_bucket"
                    + "{le=\"0.25\"}[1m])) by (le)) or vector(1e3)"))
        .containsExactly("oncepay_http_requests_seconds_bucket");
    assertThat(PromQl.metricNames("max by (job) (a_b:c) > 300")).containsExactly("a_b:c");
  }

  @Test
  void readsNamesOfAnExposition() {
    String exposition =
        """
        # HELP oncepay_queue_dead dead-lettered jobs
        # TYPE oncepay_queue_dead gauge
        oncepay_queue_dead{kind="operation"} 0.0
        hikaricp_connections_timeout_total{pool="oncepay"} 0.0
        process_uptime_seconds 12.5
        """;
    assertThat(PromQl.exposedNames(exposition))
        .containsExactly(
            "hikaricp_connections_timeout_total", "oncepay_queue_dead", "process_uptime_seconds");
  }
}
