package com.oncepay.lab.scenario;

import com.oncepay.lab.load.Budget;
import java.time.Duration;

/**
 * Issue 8's P2: pay only. The orders are placed first, unmeasured; then {@code concurrency}
 * closed-loop clients each pay one ({@code pm_ok}, automatic capture) and take the next at once, so
 * the figures are payments per second and the latency of a pay, with no place-order among them.
 */
final class PayLoop implements Prepared {

  @Override
  public String name() {
    return "pay-loop";
  }

  @Override
  public String description() {
    return "Closed-loop pay-only measurement: orders are placed first (unmeasured: with the same"
        + " clients, at most 64, for as long as the measured phase lasts, or one per request of"
        + " --requests), then each of the concurrent clients pays one (pm_ok, automatic capture)"
        + " and takes the next at once. Payments per second and the latency of pay. Should the orders run out"
        + " first, the phase ends there and a lab problem says when.";
  }

  @Override
  public int defaultOrders() {
    return 0;
  }

  @Override
  public int defaultConcurrency() {
    return 32;
  }

  @Override
  public Budget defaultBudget() {
    return new Budget(null, Duration.ofSeconds(30));
  }

  @Override
  public Measured prepare(ScenarioContext unmeasured) {
    var orders =
        PrePlacedOrders.place(
            unmeasured,
            "pl",
            PrePlacedOrders.Sizing.forBudget(
                unmeasured.settings().budget(), unmeasured.settings().concurrency(), null));
    return ctx -> PrePlacedOrders.payAll(ctx, orders, "pl", "pm_ok");
  }
}
