package com.oncepay.lab.scenario;

import com.oncepay.lab.load.Budget;
import java.time.Duration;

/**
 * One scenario's size, resolved from the command line and the scenario's defaults.
 *
 * @param orders carts (double-click, retry-storm, webhook-race) or hot orders (same-order-hammer)
 * @param concurrency requests in flight at most (checkout-mix: checkouts in flight at most)
 * @param budget when to stop starting work
 * @param rate checkouts started per second (checkout-mix)
 * @param seed seeds every random choice, so a run can be repeated
 * @param runId unique per run, in every cart id and key, so runs never collide in one database
 * @param settleTimeout how long in-flight payments may take to settle before they count as stuck
 */
public record ScenarioSettings(
    int orders,
    int concurrency,
    Budget budget,
    double rate,
    long seed,
    String runId,
    Duration settleTimeout) {}
