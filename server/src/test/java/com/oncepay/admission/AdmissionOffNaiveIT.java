package com.oncepay.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link AdmissionIT}'s burst with the bound on running requests lifted above the burst (as before
 * admission existed): all 400 reach for the 6 connections at once, and those that wait past the 250
 * ms connection timeout are answered 503. This is what the bound prevents.
 */
@TestPropertySource(properties = "oncepay.limits.max-running=1000")
class AdmissionOffNaiveIT extends AdmissionBurst {

  @Test
  void withoutTheBoundTheBurstTimesOutOnThePool() {
    Map<Integer, Long> statuses = burst();
    assertThat(statuses).as("answers by status").containsKey(503);
    assertThat(metrics())
        .doesNotContain("hikaricp_connections_timeout_total{pool=\"oncepay\"} 0.0");
  }
}
