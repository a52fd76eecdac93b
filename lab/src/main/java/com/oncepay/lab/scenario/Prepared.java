package com.oncepay.lab.scenario;

/**
 * A measurement with work before it that is not what it measures, such as the orders a pay-only
 * loop pays. The lab runs {@link #prepare} on a context of its own, whose metrics and clock are
 * thrown away, then {@link Measured#run} on the scenario's real context: what the preparation sent
 * is neither timed nor counted nor part of the budget, but what it made is observed, so the checks
 * cover it like everything else.
 */
public interface Prepared extends Scenario {

  /** The measured phase, holding what the preparation made. */
  @FunctionalInterface
  interface Measured {
    void run(ScenarioContext ctx) throws InterruptedException;
  }

  /**
   * @param unmeasured the scenario's settings and observations, with metrics and a clock that count
   *     for nothing
   */
  Measured prepare(ScenarioContext unmeasured) throws InterruptedException;

  /** Preparation and measurement on one context: only when no lab splits them (tests). */
  @Override
  default void run(ScenarioContext ctx) throws InterruptedException {
    prepare(ctx).run(ctx);
  }
}
