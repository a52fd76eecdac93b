package com.oncepay.race;

import org.junit.jupiter.api.Test;

class OneChargePerOrderRaceIT extends OneChargePerOrderRace {

  @Test
  void concurrentPaymentsOfOneOrderChargeOnce() {
    assertNoViolationsInRounds(3);
  }
}
