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
 * Invariant 2, one charge per order: many concurrent pay requests on one order with different keys
 * (two tabs, a retry with a fresh key, a second instance picking up the same order).
 */
abstract class OneChargePerOrderRace extends ApiTestBase {

  static final int RACERS = 100;
  private static final Set<String> ALLOWED_REFUSALS = Set.of("order_busy", "order_already_paid");

  List<String> raceOneOrder() {
    String order = api().createOrder("cart-" + UUID.randomUUID(), 1999);
    List<Resp> responses =
        Race.run(
            RACERS,
            Duration.ofSeconds(60),
            i ->
                api()
                    .post(
                        "/v1/orders/" + order + "/payments",
                        "pay-" + order + "-" + i,
                        "{\"payment_method\":\"pm_ok\"}"));
    List<String> violations = new ArrayList<>();
    long paid = responses.stream().filter(r -> r.status() == 201).count();
    if (paid != 1) {
      violations.add(paid + " requests answered 201");
    }
    var unexpected =
        responses.stream()
            .filter(r -> r.status() != 201)
            .filter(r -> r.status() != 409 || !ALLOWED_REFUSALS.contains(r.errorCode()))
            .map(r -> r.status() + " " + r.errorCode())
            .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    if (!unexpected.isEmpty()) {
      violations.add("unexpected answers " + unexpected);
    }
    int charges = LedgerProbe.entriesForOrder(sim(), order).size();
    if (charges != 1) {
      violations.add(charges + " gateway charges for one order");
    }
    String status = api().get("/v1/orders/" + order).json().get("status").asString();
    if (!status.equals("paid")) {
      violations.add("order ended " + status);
    }
    return violations;
  }

  void assertNoViolationsInRounds(int rounds) {
    RaceRounds.noViolations(rounds, this::raceOneOrder);
  }

  void assertCaughtWithinRounds(int rounds) {
    RaceRounds.caughtWithin(rounds, getClass().getSimpleName(), this::raceOneOrder);
  }
}
