package com.oncepay.lab.scenario;

/**
 * The service cannot run this scenario (for example, it refuses {@code async: true}): a usage-class
 * failure (exit status 2), not an anomaly.
 */
public final class ScenarioUnsupportedException extends RuntimeException {
  public ScenarioUnsupportedException(String message) {
    super(message);
  }
}
