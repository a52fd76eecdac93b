package com.oncepay.lab.load;

import java.time.Duration;

/**
 * When a scenario stops starting new work: after so many requests, after so much time, or (with
 * neither) when its own work is done. Work already started always finishes, so nothing is left
 * half-done for the checker.
 */
public record Budget(Long requests, Duration duration) {

  public static Budget none() {
    return new Budget(null, null);
  }

  public boolean explicit() {
    return requests != null || duration != null;
  }

  /** This budget, or {@code fallback} when this one sets nothing. */
  public Budget orElse(Budget fallback) {
    return explicit() ? this : fallback;
  }

  /** Whether the run that started at {@code startNanos} has spent this budget. */
  public boolean spent(ScenarioMetrics metrics, long startNanos) {
    if (requests != null && metrics.requests() >= requests) {
      return true;
    }
    return duration != null && System.nanoTime() - startNanos >= duration.toNanos();
  }
}
