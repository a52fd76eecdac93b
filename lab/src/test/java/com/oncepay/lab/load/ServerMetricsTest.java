package com.oncepay.lab.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerMetricsTest {

  @Test
  void keepsTheServicesTimerPercentilesInMilliseconds() {
    String exposition =
        """
        # HELP oncepay_queue_to_gateway_seconds time from the transaction that queued ...
        # TYPE oncepay_queue_to_gateway_seconds summary
        oncepay_queue_to_gateway_seconds{quantile="0.5"} 0.002293760
        oncepay_queue_to_gateway_seconds{quantile="0.99"} 0.0184
        oncepay_queue_to_gateway_seconds_count 6003
        oncepay_queue_to_gateway_seconds_sum 15.2
        oncepay_gateway_call_seconds{operation="authorize",outcome="approved",quantile="0.5"} 0.001
        oncepay_queue_pickup_seconds{quantile="0.9"} NaN
        oncepay_webhook_delivery_seconds{quantile="0.5"} 0.0
        oncepay_webhook_delivery_seconds_count 0
        jvm_gc_pause_seconds{quantile="0.5"} 0.01
        """;

    assertThat(ServerMetrics.parse(exposition))
        .containsExactly(
            org.assertj.core.api.Assertions.entry(
                "oncepay_gateway_call{operation=\"authorize\",outcome=\"approved\",quantile=\"0.5\"}",
                1.0),
            org.assertj.core.api.Assertions.entry(
                "oncepay_queue_to_gateway{quantile=\"0.5\"}", 2.294),
            org.assertj.core.api.Assertions.entry(
                "oncepay_queue_to_gateway{quantile=\"0.99\"}", 18.4));
  }
}
