package com.oncepay.race;

import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.Race;
import com.oncepay.testsupport.RaceRounds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Invariant 1, one order per cart: many concurrent place-order requests for one cart, each with its
 * own idempotency key (a double click, a retrying proxy, a second tab).
 */
abstract class OnePerCartRace extends ApiTestBase {

  static final int RACERS = 100;

  /** Races one cart and lists every way the outcome breaks the invariant. */
  List<String> raceOneCart() {
    String cart = "cart-" + UUID.randomUUID();
    String body = "{\"cart_id\":\"" + cart + "\",\"amount\":4200,\"currency\":\"EUR\"}";
    List<Resp> responses =
        Race.run(
            RACERS,
            Duration.ofSeconds(60),
            i -> api().post("/v1/orders", "place-" + cart + "-" + i, body));
    List<String> violations = new ArrayList<>();
    long created = responses.stream().filter(r -> r.status() == 201).count();
    long existing = responses.stream().filter(r -> r.status() == 200).count();
    if (created != 1 || existing != RACERS - 1) {
      violations.add(
          "expected one 201 and "
              + (RACERS - 1)
              + " 200, got "
              + responses.stream()
                  .collect(Collectors.groupingBy(Resp::status, Collectors.counting())));
    }
    Set<String> ids =
        responses.stream()
            .filter(r -> r.status() == 200 || r.status() == 201)
            .map(r -> r.json().get("id").asString())
            .collect(Collectors.toSet());
    if (ids.size() > 1) {
      violations.add("answers name " + ids.size() + " different orders");
    }
    long rows =
        jdbc.sql("SELECT count(*) FROM orders WHERE cart_id = :cart")
            .param("cart", cart)
            .query(Long.class)
            .single();
    if (rows != 1) {
      violations.add(rows + " orders stored for one cart");
    }
    return violations;
  }

  void assertNoViolationsInRounds(int rounds) {
    RaceRounds.noViolations(rounds, this::raceOneCart);
  }

  void assertCaughtWithinRounds(int rounds) {
    RaceRounds.caughtWithin(rounds, getClass().getSimpleName(), this::raceOneCart);
  }
}
