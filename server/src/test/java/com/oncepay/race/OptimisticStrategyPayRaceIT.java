package com.oncepay.race;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Invariant 2 under the {@code optimistic} strategy. */
@TestPropertySource(properties = "oncepay.concurrency-strategy=optimistic")
class OptimisticStrategyPayRaceIT extends OneChargePerOrderRace {

  @Test
  void concurrentPaymentsOfOneOrderChargeOnce() {
    assertNoViolationsInRounds(2);
  }
}
