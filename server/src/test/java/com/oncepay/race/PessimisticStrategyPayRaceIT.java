package com.oncepay.race;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Invariant 2 under the {@code pessimistic} strategy. */
@TestPropertySource(properties = "oncepay.concurrency-strategy=pessimistic")
class PessimisticStrategyPayRaceIT extends OneChargePerOrderRace {

  @Test
  void concurrentPaymentsOfOneOrderChargeOnce() {
    assertNoViolationsInRounds(2);
  }
}
