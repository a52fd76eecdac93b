package com.oncepay.lab.scenario;

import com.oncepay.lab.load.Budget;
import com.oncepay.lab.load.Driver;
import java.time.Duration;

/** One named race: drives the API, leaving what it was told in the context's observations. */
public interface Scenario {

  String name();

  /** What it does and which real-world failure it reproduces, for the reports. */
  String description();

  int defaultOrders();

  default int defaultConcurrency() {
    return 64;
  }

  default Budget defaultBudget() {
    return Budget.none();
  }

  /** Requests it plans to send, for the progress line; -1 when it cannot know. */
  default long plannedRequests(ScenarioSettings settings) {
    return -1;
  }

  /**
   * The maximum heap a server the lab spawns must run with for this measurement to mean what its
   * target says, such as {@code 512m} ({@code -Xmx512m}); null for the JVM's default.
   */
  default String serverMaxHeap() {
    return null;
  }

  /**
   * The latency the scenario gives the gateway, which Little's law turns into the throughput its
   * clients could reach at most; null when it leaves the gateway as it is.
   */
  default Duration gatewayLatency() {
    return null;
  }

  /** Attempts per call of the retrying shop client ({@link ScenarioContext#shop()}). */
  default int shopAttempts() {
    return Driver.DEFAULT_SHOP_ATTEMPTS;
  }

  void run(ScenarioContext ctx) throws InterruptedException;
}
