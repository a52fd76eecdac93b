package com.oncepay.lab.scenario;

import java.util.List;
import java.util.Optional;

/** The named scenarios, in the order {@code all} runs them. */
public final class Scenarios {

  public static final String ALL = "all";

  private static final List<Scenario> ORDERED =
      List.of(
          new DoubleClick(),
          new RetryStorm(),
          new SameOrderHammer(),
          new WebhookRace(),
          new CheckoutMix());

  private Scenarios() {}

  public static List<Scenario> all() {
    return ORDERED;
  }

  public static Optional<Scenario> named(String name) {
    return ORDERED.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** Every name the command line accepts, {@code all} last. */
  public static List<String> names() {
    return java.util.stream.Stream.concat(
            ORDERED.stream().map(Scenario::name), java.util.stream.Stream.of(ALL))
        .toList();
  }
}
