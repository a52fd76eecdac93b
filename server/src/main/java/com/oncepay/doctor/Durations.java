package com.oncepay.doctor;

import java.time.Duration;

/** Durations the way ONCEPAY_* variables are written (60s, 2h, 500ms), not ISO-8601 (PT1M). */
final class Durations {

  private Durations() {}

  static String human(Duration d) {
    long ms = d.toMillis();
    if (ms >= 3_600_000 && ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms >= 120_000 && ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
