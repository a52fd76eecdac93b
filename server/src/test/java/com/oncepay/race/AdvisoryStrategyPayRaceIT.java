package com.oncepay.race;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Invariant 2 under the {@code advisory} strategy. */
@TestPropertySource(properties = "oncepay.concurrency-strategy=advisory")
class AdvisoryStrategyPayRaceIT extends OneChargePerOrderRace {

  @Test
  void concurrentPaymentsOfOneOrderChargeOnce() {
    assertNoViolationsInRounds(2);
  }
}
