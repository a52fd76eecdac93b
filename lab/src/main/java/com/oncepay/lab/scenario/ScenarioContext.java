package com.oncepay.lab.scenario;

import com.oncepay.lab.check.Observations;
import com.oncepay.lab.load.Api;
import com.oncepay.lab.load.Driver;
import com.oncepay.lab.load.ScenarioMetrics;
import com.oncepay.lab.load.Shop;
import com.oncepay.lab.load.SimulatorControl;
import java.util.SplittableRandom;

/**
 * What a scenario works with.
 *
 * @param simulator the gateway simulator, or null when no ledger URL was given
 * @param faults what the chaos scenario may break, or null unless the lab spawned a topology
 */
public record ScenarioContext(
    String scenario,
    Api api,
    Shop shop,
    Driver driver,
    Observations obs,
    ScenarioMetrics metrics,
    ScenarioSettings settings,
    SimulatorControl simulator,
    long startNanos,
    Faults faults) {

  public static final String CURRENCY = "EUR";

  /** A cart id unique to this run: {@code lab-<run>-<tag>-<n>}. */
  public String cartId(String tag, long n) {
    return "lab-" + settings.runId() + "-" + tag + "-" + n;
  }

  /** An Idempotency-Key unique to this run and these parts. */
  public String key(String tag, Object... parts) {
    StringBuilder key = new StringBuilder("lab-").append(settings.runId()).append('-').append(tag);
    for (Object part : parts) {
      key.append('-').append(part);
    }
    return key.toString();
  }

  /** A generator for one unit of work, repeatable from the seed. */
  public SplittableRandom random(long salt) {
    return new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + salt);
  }

  public boolean budgetSpent() {
    return settings.budget().spent(metrics, startNanos);
  }
}
