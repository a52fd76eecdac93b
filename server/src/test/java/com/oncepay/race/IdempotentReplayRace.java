package com.oncepay.race;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.Race;
import com.oncepay.testsupport.RaceRounds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Invariant 4, replays are exact: one request sent many times at once with the same key (a retry
 * storm from a client whose first attempt is still in flight). It must run once; every other answer
 * is either the byte-identical replay or "still in progress".
 */
abstract class IdempotentReplayRace extends ApiTestBase {

  static final int RACERS = 100;

  List<String> racePaymentRetries() {
    sim().updateKnobs(sim().knobs().withLatency(50, 0));
    String order = api().createOrder("cart-" + UUID.randomUUID(), 2500);
    String key = "pay-" + order;
    String path = "/v1/orders/" + order + "/payments";
    String body = "{\"payment_method\":\"pm_ok\"}";
    List<Resp> responses =
        Race.run(RACERS, Duration.ofSeconds(60), i -> api().post(path, key, body));
    Resp after = api().post(path, key, body);
    List<String> violations = check(responses, after);
    int charges = LedgerProbe.entriesForOrder(sim(), order).size();
    if (charges != 1) {
      violations.add(charges + " gateway charges for one key");
    }
    return violations;
  }

  List<String> raceOrderRetries() {
    String cart = "cart-" + UUID.randomUUID();
    String body = "{\"cart_id\":\"" + cart + "\",\"amount\":1000,\"currency\":\"EUR\"}";
    List<Resp> responses =
        Race.run(
            RACERS, Duration.ofSeconds(60), i -> api().post("/v1/orders", "key-" + cart, body));
    return check(responses, api().post("/v1/orders", "key-" + cart, body));
  }

  private static List<String> check(List<Resp> responses, Resp after) {
    List<String> violations = new ArrayList<>();
    List<Resp> firsts = responses.stream().filter(r -> !r.replayed() && r.status() != 409).toList();
    if (firsts.size() != 1) {
      violations.add(firsts.size() + " requests ran (not replayed, not in progress): " + firsts);
      return violations;
    }
    Resp first = firsts.getFirst();
    for (Resp r : responses) {
      if (r == first) {
        continue;
      }
      boolean inProgress =
          r.status() == 409
              && r.errorCode().equals("idempotency_key_in_use")
              && r.retryAfter() != null;
      boolean exactReplay =
          r.replayed() && r.status() == first.status() && Arrays.equals(r.body(), first.body());
      if (!inProgress && !exactReplay) {
        violations.add("neither an exact replay nor in progress: " + r);
      }
    }
    if (!after.replayed()
        || after.status() != first.status()
        || !Arrays.equals(after.body(), first.body())) {
      violations.add("later retry is not an exact replay: " + after + " vs " + first);
    }
    return violations;
  }

  void assertNoViolationsInRounds(int rounds) {
    for (int round = 0; round < rounds; round++) {
      assertThat(raceOrderRetries()).as("orders, round %d", round).isEmpty();
      assertThat(racePaymentRetries()).as("payments, round %d", round).isEmpty();
    }
  }

  void assertCaughtWithinRounds(int rounds) {
    RaceRounds.caughtWithin(
        rounds,
        getClass().getSimpleName(),
        () -> {
          List<String> found = new ArrayList<>(racePaymentRetries());
          found.addAll(raceOrderRetries());
          return found;
        });
  }
}
