package com.oncepay.race;

import org.junit.jupiter.api.Test;

class OnePerCartRaceIT extends OnePerCartRace {

  @Test
  void concurrentPlaceOrdersForOneCartMakeOneOrder() {
    assertNoViolationsInRounds(3);
  }
}
