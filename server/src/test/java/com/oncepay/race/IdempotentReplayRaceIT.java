package com.oncepay.race;

import org.junit.jupiter.api.Test;

class IdempotentReplayRaceIT extends IdempotentReplayRace {

  @Test
  void concurrentRetriesWithOneKeyRunOnceAndReplayExactly() {
    assertNoViolationsInRounds(3);
  }
}
