package com.oncepay.lab.report;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Percentiles of one HdrHistogram (recorded in microseconds), in milliseconds, plus the percentile
 * curve the HTML report plots.
 *
 * @param curve {@value #CURVE_POINTS} points, percentile p from 0 to 99.99 evenly spaced on the log
 *     scale of 1/(1-p), the classic HdrHistogram plot; empty when nothing was recorded
 */
public record LatencySummary(
    long count,
    double p50,
    double p90,
    double p99,
    double p999,
    double max,
    double mean,
    List<Point> curve) {

  public static final int CURVE_POINTS = 41;

  /** Highest percentile on the curve: 99.99. */
  public static final double CURVE_DECADES = 4;

  /** One point of the curve: a percentile (0–100) and its latency in milliseconds. */
  public record Point(double percentile, double ms) {}

  public LatencySummary {
    curve = List.copyOf(curve);
  }

  public static LatencySummary empty() {
    return new LatencySummary(0, 0, 0, 0, 0, 0, 0, List.of());
  }

  public static LatencySummary of(Histogram h) {
    if (h.getTotalCount() == 0) {
      return empty();
    }
    List<Point> curve = new ArrayList<>();
    for (int i = 0; i < CURVE_POINTS; i++) {
      double decades = CURVE_DECADES * i / (CURVE_POINTS - 1);
      double percentile = 100 * (1 - Math.pow(10, -decades));
      curve.add(new Point(round(percentile, 4), ms(h.getValueAtPercentile(percentile))));
    }
    return new LatencySummary(
        h.getTotalCount(),
        ms(h.getValueAtPercentile(50)),
        ms(h.getValueAtPercentile(90)),
        ms(h.getValueAtPercentile(99)),
        ms(h.getValueAtPercentile(99.9)),
        ms(h.getMaxValue()),
        round(h.getMean() / 1000.0, 3),
        curve);
  }

  private static double ms(long micros) {
    return round(micros / 1000.0, 3);
  }

  static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }
}
