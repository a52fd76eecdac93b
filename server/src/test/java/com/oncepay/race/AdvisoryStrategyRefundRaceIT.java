package com.oncepay.race;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Invariant 3 under the {@code advisory} strategy. */
@TestPropertySource(properties = "oncepay.concurrency-strategy=advisory")
class AdvisoryStrategyRefundRaceIT extends RefundLimitRace {

  @Test
  void concurrentRefundsNeverExceedWhatWasCaptured() {
    assertNoViolationsInRounds(2);
  }
}
