package com.oncepay.race;

import org.junit.jupiter.api.Test;

class RefundLimitRaceIT extends RefundLimitRace {

  @Test
  void concurrentRefundsNeverExceedWhatWasCaptured() {
    assertNoViolationsInRounds(3);
  }
}
