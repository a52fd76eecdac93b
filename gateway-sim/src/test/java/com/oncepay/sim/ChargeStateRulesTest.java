package com.oncepay.sim;

import static com.oncepay.sim.SimHttp.chargeBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.sim.SimHttp.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChargeStateRulesTest {

  private GatewaySimulator sim;
  private SimHttp http;

  @BeforeEach
  void start() {
    sim = GatewaySimulator.start(SimSettings.defaults());
    http = new SimHttp(sim.baseUrl());
  }

  @AfterEach
  void stop() {
    http.close();
    sim.close();
  }

  private static String key() {
    return UUID.randomUUID().toString();
  }

  private String charge(long amount, boolean capture) {
    Answer answer = http.post("/v1/charges", key(), chargeBody(amount, "pm_ok", capture, "pay"));
    assertThat(answer.status()).isEqualTo(201);
    return answer.json().get("id").asString();
  }

  private Answer capture(String id, String body) {
    return http.post("/v1/charges/" + id + "/capture", key(), body);
  }

  private Answer voidCharge(String id) {
    return http.post("/v1/charges/" + id + "/void", key(), "");
  }

  private Answer refund(String id, long amount) {
    return http.post("/v1/charges/" + id + "/refunds", key(), "{\"amount\":" + amount + "}");
  }

  @Test
  void captureWithoutAmountCapturesEverything() {
    String id = charge(1000, false);

    Answer captured = capture(id, "");

    assertThat(captured.status()).isEqualTo(200);
    assertThat(captured.json().get("status").asString()).isEqualTo("captured");
    assertThat(captured.json().get("amount_captured").asLong()).isEqualTo(1000);
  }

  @Test
  void partialCaptureReleasesTheRestAndHappensOnce() {
    String id = charge(1000, false);

    Answer partial = capture(id, "{\"amount\":600}");
    Answer second = capture(id, "{\"amount\":400}");

    assertThat(partial.status()).isEqualTo(200);
    assertThat(partial.json().get("amount_captured").asLong()).isEqualTo(600);
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.errorCode()).isEqualTo("invalid_state");
    assertThat(refund(id, 601).errorCode()).isEqualTo("amount_exceeds_captured");
  }

  @Test
  void captureAboveTheAuthorizationIs422() {
    String id = charge(1000, false);

    Answer answer = capture(id, "{\"amount\":1001}");

    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.errorCode()).isEqualTo("amount_exceeds_authorized");
    assertThat(capture(id, "{\"amount\":0}").status()).isEqualTo(400);
  }

  @Test
  void captureOfACapturedChargeIs409() {
    String id = charge(1000, true);

    assertThat(capture(id, "").errorCode()).isEqualTo("invalid_state");
  }

  @Test
  void voidOnlyFromAuthorized() {
    String authorized = charge(1000, false);
    String captured = charge(1000, true);

    Answer voided = voidCharge(authorized);

    assertThat(voided.status()).isEqualTo(200);
    assertThat(voided.json().get("status").asString()).isEqualTo("voided");
    assertThat(voidCharge(authorized).status()).isEqualTo(409);
    assertThat(capture(authorized, "").status()).isEqualTo(409);
    assertThat(voidCharge(captured).errorCode()).isEqualTo("invalid_state");
  }

  @Test
  void unknownChargeIs404ForEveryOperation() {
    assertThat(capture("ch_nope", "").errorCode()).isEqualTo("no_such_charge");
    assertThat(voidCharge("ch_nope").status()).isEqualTo(404);
    assertThat(refund("ch_nope", 1).status()).isEqualTo(404);
  }

  @Test
  void refundsAddUpToRefunded() {
    String id = charge(1000, true);

    Answer first = refund(id, 400);
    Answer over = refund(id, 601);
    Answer rest = refund(id, 600);

    assertThat(first.status()).isEqualTo(201);
    assertThat(first.json().get("id").asString()).startsWith("re_");
    assertThat(first.json().get("object").asString()).isEqualTo("refund");
    assertThat(first.json().get("charge").asString()).isEqualTo(id);
    assertThat(first.json().get("amount").asLong()).isEqualTo(400);
    assertThat(first.json().get("status").asString()).isEqualTo("succeeded");
    assertThat(http.get("/v1/charges/" + id).json().get("status").asString()).isEqualTo("refunded");
    assertThat(over.status()).isEqualTo(422);
    assertThat(over.errorCode()).isEqualTo("amount_exceeds_captured");
    assertThat(rest.status()).isEqualTo(201);
    assertThat(refund(id, 1).errorCode()).as("refunded is final").isEqualTo("invalid_state");
  }

  @Test
  void refundNeedsACapturedCharge() {
    String authorized = charge(1000, false);

    assertThat(refund(authorized, 100).errorCode()).isEqualTo("invalid_state");
    assertThat(
            http.post("/v1/charges/" + authorized + "/refunds", key(), "{\"amount\":0}").status())
        .isEqualTo(400);
    assertThat(http.post("/v1/charges/" + authorized + "/refunds", key(), "{}").status())
        .isEqualTo(400);
  }

  @Test
  void businessRefusalsAreStoredForTheKey() {
    String id = charge(1000, true);
    String key = key();

    Answer first = http.post("/v1/charges/" + id + "/capture", key, "");
    Answer again = http.post("/v1/charges/" + id + "/capture", key, "");

    assertThat(first.status()).isEqualTo(409);
    assertThat(again.replayed()).isTrue();
    assertThat(again.sameAs(first)).isTrue();
  }

  @Test
  void fiftyConcurrentPartialRefundsNeverOverRefund() throws Exception {
    String id = charge(1000, true);
    int clients = 50;
    long each = 70; // 50 x 70 = 3500 > 1000: most must be refused
    var gate = new CountDownLatch(1);
    List<Future<Answer>> answers = new ArrayList<>();

    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < clients; i++) {
        answers.add(
            pool.submit(
                () -> {
                  gate.await();
                  return refund(id, each);
                }));
      }
      gate.countDown();
    }

    long succeeded = 0;
    for (Future<Answer> answer : answers) {
      Answer a = answer.get();
      assertThat(a.status()).as(a.toString()).isIn(201, 409, 422);
      if (a.status() == 201) {
        succeeded += a.json().get("amount").asLong();
      }
    }
    LedgerEntry entry = sim.ledger().getFirst();
    assertThat(entry.charge().amountRefunded()).isEqualTo(succeeded).isLessThanOrEqualTo(1000);
    assertThat(succeeded).isEqualTo(14 * each); // floor(1000 / 70) refunds fit
    assertThat(entry.refunds().stream().mapToLong(LedgerRefund::amount).sum()).isEqualTo(succeeded);
  }

  @Test
  void concurrentCaptureAndVoidHaveExactlyOneWinner() throws Exception {
    for (int round = 0; round < 20; round++) {
      String id = charge(1000, false);
      var gate = new CountDownLatch(1);
      Future<Answer> captured;
      Future<Answer> voided;
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        captured =
            pool.submit(
                () -> {
                  gate.await();
                  return capture(id, "");
                });
        voided =
            pool.submit(
                () -> {
                  gate.await();
                  return voidCharge(id);
                });
        gate.countDown();
      }

      assertThat(List.of(captured.get().status(), voided.get().status()))
          .containsExactlyInAnyOrder(200, 409);
    }
  }
}
