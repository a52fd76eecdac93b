package com.oncepay.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;

/** Repeats a race: the real implementation must never break, the naive one must be caught. */
public final class RaceRounds {

  private RaceRounds() {}

  public static void noViolations(int rounds, Supplier<List<String>> race) {
    for (int round = 0; round < rounds; round++) {
      assertThat(race.get()).as("round %d", round).isEmpty();
    }
  }

  /** A naive implementation must be caught within a few rounds, or the test proves nothing. */
  public static void caughtWithin(int rounds, String variant, Supplier<List<String>> race) {
    List<String> found = List.of();
    for (int round = 0; round < rounds && found.isEmpty(); round++) {
      found = race.get();
    }
    // Printed so the report shows what the naive variant got wrong, not only that it did.
    System.out.println(variant + " caught: " + found);
    assertThat(found).as("violations found in the naive variant").isNotEmpty();
  }
}
