package com.oncepay.lab.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

  @Test
  void readsMillisecondsFromAMicrosecondHistogram() {
    Histogram h = new Histogram(3);
    for (int i = 1; i <= 1_000; i++) {
      h.recordValue(i * 1_000L); // 1 ms .. 1 s
    }
    LatencySummary s = LatencySummary.of(h);
    assertThat(s.count()).isEqualTo(1_000);
    assertThat(s.p50()).isBetween(499.0, 501.0);
    assertThat(s.p99()).isBetween(989.0, 991.0);
    assertThat(s.max()).isBetween(999.0, 1_001.0);
    assertThat(s.curve()).hasSize(LatencySummary.CURVE_POINTS);
    assertThat(s.curve().getFirst().percentile()).isZero();
    assertThat(s.curve().getLast().percentile()).isEqualTo(99.99);
    for (int i = 1; i < s.curve().size(); i++) {
      assertThat(s.curve().get(i).ms()).isGreaterThanOrEqualTo(s.curve().get(i - 1).ms());
    }
  }

  @Test
  void anEmptyHistogramHasNoCurve() {
    assertThat(LatencySummary.of(new Histogram(3))).isEqualTo(LatencySummary.empty());
  }
}
