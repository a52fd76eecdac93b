package com.oncepay.lab.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The named scenarios: the races, in the order {@code all} runs them; the measurements, which run
 * only by name (they answer "how fast", not "is it safe", though their results are checked too);
 * and chaos, which runs only by name because it breaks the topology under it.
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

  private static final List<Scenario> MEASUREMENTS =
      List.of(new CheckoutLoop(), new PayLoop(), new HotOrder(), new SlowGateway(), new AsyncPay());

  /** Turns the simulator's knobs and sizes the server's heap: only on what the lab spawned. */
  public static final String SLOW_GATEWAY = "slow-gateway";

  /** Breaks the topology it runs on: only by name, and only on a topology the lab started. */
  public static final String CHAOS = "chaos";

  private static final List<Scenario> DESTRUCTIVE = List.of(new Chaos());

  private Scenarios() {}

  public static List<Scenario> all() {
    return ORDERED;
  }

  public static Optional<Scenario> named(String name) {
    return Stream.of(ORDERED, MEASUREMENTS, DESTRUCTIVE)
        .flatMap(List::stream)
        .filter(s -> s.name().equals(name))
        .findFirst();
  }

  /** Every name the command line accepts, {@code all} last. */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    Stream.of(ORDERED, MEASUREMENTS, DESTRUCTIVE)
        .flatMap(List::stream)
        .forEach(s -> names.add(s.name()));
    names.add(ALL);
    return List.copyOf(names);
  }
}
