package com.oncepay.race;

import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.Race;
import com.oncepay.testsupport.RaceRounds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Invariant 3, money adds up: concurrent partial refunds that together ask for more than was
 * captured (a support agent and an automated returns flow refunding at once).
 */
abstract class RefundLimitRace extends ApiTestBase {

  static final int RACERS = 100;
  static final long CAPTURED = 10_000;
  static final long EACH = 300;

  List<String> raceRefunds() {
    String payment = api().capturedPayment("cart-" + UUID.randomUUID(), CAPTURED);
    List<Resp> responses =
        Race.run(
            RACERS,
            Duration.ofSeconds(60),
            i ->
                api()
                    .post(
                        "/v1/payments/" + payment + "/refunds",
                        "refund-" + payment + "-" + i,
                        "{\"amount\":" + EACH + "}"));
    List<String> violations = new ArrayList<>();
    var unexpected =
        responses.stream()
            .filter(r -> r.status() != 201)
            .filter(r -> r.status() != 422 || !r.errorCode().equals("amount_exceeds_captured"))
            .map(r -> r.status() + " " + r.errorCode())
            .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    if (!unexpected.isEmpty()) {
      violations.add("unexpected answers " + unexpected);
    }
    long refundedByAnswers =
        responses.stream()
            .filter(r -> r.status() == 201)
            .mapToLong(r -> r.json().get("amount").asLong())
            .sum();
    long expected = (CAPTURED / EACH) * EACH;
    if (refundedByAnswers != expected) {
      violations.add("answers refunded " + refundedByAnswers + ", expected " + expected);
    }
    var view = api().get("/v1/payments/" + payment).json();
    long recorded = view.get("amount_refunded").asLong();
    long atGateway = LedgerProbe.chargeForPayment(sim(), payment).charge().amountRefunded();
    if (recorded > CAPTURED || atGateway > CAPTURED) {
      violations.add("refunded more than captured: ours " + recorded + ", gateway " + atGateway);
    }
    if (recorded != atGateway || recorded != refundedByAnswers) {
      violations.add(
          "amounts disagree: answers "
              + refundedByAnswers
              + ", ours "
              + recorded
              + ", gateway "
              + atGateway);
    }
    if (view.get("amount_refund_pending").asLong() != 0) {
      violations.add("reservations left: " + view.get("amount_refund_pending"));
    }
    return violations;
  }

  void assertNoViolationsInRounds(int rounds) {
    RaceRounds.noViolations(rounds, this::raceRefunds);
  }

  void assertCaughtWithinRounds(int rounds) {
    RaceRounds.caughtWithin(rounds, getClass().getSimpleName(), this::raceRefunds);
  }
}
