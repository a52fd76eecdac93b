package com.oncepay.sim;

/**
 * Latency and fault knobs. Rates are probabilities in [0, 1]; durations are milliseconds. Fault
 * rates apply to POSTs under {@code /v1/charges}; latency to every {@code /v1} request.
 *
 * @param latencyMeanMs delay added to every {@code /v1} request
 * @param latencyJitterMs uniform ± spread around {@code latencyMeanMs} (never below 0)
 * @param errorRate answer 500 before processing: nothing charged, nothing stored, a retry is fresh
 * @param errorAfterRate process and store the idempotent answer, but answer 500 this time
 * @param timeoutRate process and store the idempotent answer, then hang {@code hangMs} first
 * @param slowMs extra delay of {@code pm_slow}
 * @param hangMs how long a simulated timeout hangs before answering
 * @param asyncDelayMs when a {@code pm_async} charge settles after it was accepted
 * @param webhookDuplicateRate chance that each webhook event is sent twice
 * @param seed seed of the fault dice for reproducible runs, or null for a random one
 */
public record SimKnobs(
    long latencyMeanMs,
    long latencyJitterMs,
    double errorRate,
    double errorAfterRate,
    double timeoutRate,
    long slowMs,
    long hangMs,
    long asyncDelayMs,
    double webhookDuplicateRate,
    Long seed) {

  public SimKnobs {
    requireNonNegative("latency_mean_ms", latencyMeanMs);
    requireNonNegative("latency_jitter_ms", latencyJitterMs);
    requireRate("error_rate", errorRate);
    requireRate("error_after_rate", errorAfterRate);
    requireRate("timeout_rate", timeoutRate);
    requireNonNegative("slow_ms", slowMs);
    requireNonNegative("hang_ms", hangMs);
    requireNonNegative("async_delay_ms", asyncDelayMs);
    requireRate("webhook_duplicate_rate", webhookDuplicateRate);
  }

  /** No latency, no faults, {@code pm_slow} 2 s, hangs 30 s, async 50 ms, every webhook twice. */
  public static SimKnobs defaults() {
    return new SimKnobs(0, 0, 0.0, 0.0, 0.0, 2_000, 30_000, 50, 1.0, null);
  }

  public SimKnobs withLatency(long meanMs, long jitterMs) {
    return new SimKnobs(
        meanMs,
        jitterMs,
        errorRate,
        errorAfterRate,
        timeoutRate,
        slowMs,
        hangMs,
        asyncDelayMs,
        webhookDuplicateRate,
        seed);
  }

  public SimKnobs withErrorRate(double rate) {
    return new SimKnobs(
        latencyMeanMs,
        latencyJitterMs,
        rate,
        errorAfterRate,
        timeoutRate,
        slowMs,
        hangMs,
        asyncDelayMs,
        webhookDuplicateRate,
        seed);
  }

  public SimKnobs withErrorAfterRate(double rate) {
    return new SimKnobs(
        latencyMeanMs,
        latencyJitterMs,
        errorRate,
        rate,
        timeoutRate,
        slowMs,
        hangMs,
        asyncDelayMs,
        webhookDuplicateRate,
        seed);
  }

  public SimKnobs withTimeoutRate(double rate) {
    return new SimKnobs(
        latencyMeanMs,
        latencyJitterMs,
        errorRate,
        errorAfterRate,
        rate,
        slowMs,
        hangMs,
        asyncDelayMs,
        webhookDuplicateRate,
        seed);
  }

  public SimKnobs withSlowMs(long ms) {
    return new SimKnobs(
        latencyMeanMs,
        latencyJitterMs,
        errorRate,
        errorAfterRate,
        timeoutRate,
        ms,
        hangMs,
        asyncDelayMs,
        webhookDuplicateRate,
        seed);
  }

  public SimKnobs withHangMs(long ms) {
    return new SimKnobs(
        latencyMeanMs,
        latencyJitterMs,
        errorRate,
        errorAfterRate,
        timeoutRate,
        slowMs,
        ms,
        asyncDelayMs,
        webhookDuplicateRate,
        seed);
  }

  public SimKnobs withAsyncDelayMs(long ms) {
    return new SimKnobs(
        latencyMeanMs,
        latencyJitterMs,
        errorRate,
        errorAfterRate,
        timeoutRate,
        slowMs,
        hangMs,
        ms,
        webhookDuplicateRate,
        seed);
  }

  public SimKnobs withWebhookDuplicateRate(double rate) {
    return new SimKnobs(
        latencyMeanMs,
        latencyJitterMs,
        errorRate,
        errorAfterRate,
        timeoutRate,
        slowMs,
        hangMs,
        asyncDelayMs,
        rate,
        seed);
  }

  public SimKnobs withSeed(Long newSeed) {
    return new SimKnobs(
        latencyMeanMs,
        latencyJitterMs,
        errorRate,
        errorAfterRate,
        timeoutRate,
        slowMs,
        hangMs,
        asyncDelayMs,
        webhookDuplicateRate,
        newSeed);
  }

  private static void requireNonNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, was " + value);
    }
  }

  private static void requireRate(String name, double value) {
    // The negated form also rejects NaN.
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(name + " must be between 0.0 and 1.0, was " + value);
    }
  }
}
