package com.oncepay.lab.scenario;

import com.oncepay.lab.load.Budget;
import java.time.Duration;

/**
 * Issue 8's P4: a gateway that answers in a second. The orders are placed first, unmeasured; then
 * {@code concurrency} (400) closed-loop clients each pay one with {@code pm_slow}, which the
 * simulator approves after {@code slow_ms} = 1000, and take the next at once. By Little's law N
 * clients waiting L each can do at most N / L payments a second; the server should come close (≥ 90
 * %) with its default 20-connection pool and a 512 MB heap, and answer no errors: a request must
 * not hold a database connection across its gateway call.
 */
final class SlowGateway implements Prepared {

  /** What {@code pm_slow} takes for this scenario: Little's law's L. */
  static final Duration GATEWAY_LATENCY = Duration.ofSeconds(1);

  @Override
  public String name() {
    return Scenarios.SLOW_GATEWAY;
  }

  @Override
  public String description() {
    return "Closed-loop pay-only measurement against a gateway that answers in 1 s: orders are"
        + " placed first (unmeasured, as many as the budget can use), the simulator's pm_slow is"
        + " set to 1 s, then each of the concurrent clients (400) pays one with pm_slow and takes"
        + " the next at once, one attempt per pay. Payments per second against Little's law"
        + " (clients / 1 s), and every error answer with its code. A spawned server runs with"
        + " -Xmx512m.";
  }

  @Override
  public int defaultOrders() {
    return 0;
  }

  @Override
  public int defaultConcurrency() {
    return 400;
  }

  @Override
  public Budget defaultBudget() {
    return new Budget(null, Duration.ofSeconds(30));
  }

  /**
   * One attempt: every error answer is final, so it is counted with its code ({@code error_codes})
   * and its pay is not a payment, instead of being hidden behind a retry.
   */
  @Override
  public int shopAttempts() {
    return 1;
  }

  @Override
  public String serverMaxHeap() {
    return "512m";
  }

  @Override
  public Duration gatewayLatency() {
    return GATEWAY_LATENCY;
  }

  @Override
  public Measured prepare(ScenarioContext unmeasured) {
    if (unmeasured.simulator() == null || !unmeasured.simulator().owned()) {
      throw new ScenarioUnsupportedException(
          "slow-gateway sets the gateway simulator's pm_slow to 1 s, which the lab does only on a"
              + " simulator it started: use --spawn");
    }
    var orders =
        PrePlacedOrders.place(
            unmeasured,
            "sg",
            PrePlacedOrders.Sizing.forBudget(
                unmeasured.settings().budget(),
                unmeasured.settings().concurrency(),
                GATEWAY_LATENCY));
    return ctx -> {
      String previousKnobs = ctx.simulator().knobs();
      ctx.simulator().setKnobs("{\"slow_ms\":" + GATEWAY_LATENCY.toMillis() + "}");
      try {
        PrePlacedOrders.payAll(ctx, orders, "sg", "pm_slow");
      } finally {
        ctx.simulator().setKnobs(previousKnobs);
      }
    };
  }
}
