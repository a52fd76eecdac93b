package com.oncepay.lab.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The named scenarios: the races, in the order {@code all} runs them, and the measurements, which
 * run only by name (they answer "how fast", not "is it safe", though their results are checked
 * too).
 */
public final class Scenarios {

  public static final String ALL = "all";

  private static final List<Scenario> ORDERED =
      List.of(
          new DoubleClick(),
          new RetryStorm(),
          new SameOrderHammer(),
          new WebhookRace(),
          new CheckoutMix());

  private static final List<Scenario> MEASUREMENTS = List.of(new CheckoutLoop(), new AsyncPay());

  private Scenarios() {}

  public static List<Scenario> all() {
    return ORDERED;
  }

  public static Optional<Scenario> named(String name) {
    return Stream.concat(ORDERED.stream(), MEASUREMENTS.stream())
        .filter(s -> s.name().equals(name))
        .findFirst();
  }

  /** Every name the command line accepts, {@code all} last. */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    Stream.concat(ORDERED.stream(), MEASUREMENTS.stream()).forEach(s -> names.add(s.name()));
    names.add(ALL);
    return List.copyOf(names);
  }
}
