package com.oncepay.sim;

import static com.oncepay.sim.SimHttp.chargeBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.sim.SimHttp.Answer;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class ChargeScenariosTest {

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

  @Test
  void baseUrlIsTheBoundLoopbackPort() {
    assertThat(sim.baseUrl().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
    assertThat(sim.baseUrl().getPort()).isPositive();
  }

  @Test
  void pmOkWithCaptureIsCapturedAtOnce() {
    Answer answer = http.post("/v1/charges", key(), chargeBody(1000, "pm_ok", true, "pay_1"));

    assertThat(answer.status()).isEqualTo(201);
    JsonNode charge = answer.json();
    assertThat(charge.get("id").asString()).startsWith("ch_");
    assertThat(charge.get("object").asString()).isEqualTo("charge");
    assertThat(charge.get("status").asString()).isEqualTo("captured");
    assertThat(charge.get("amount").asLong()).isEqualTo(1000);
    assertThat(charge.get("amount_captured").asLong()).isEqualTo(1000);
    assertThat(charge.get("amount_refunded").asLong()).isZero();
    assertThat(charge.get("currency").asString()).isEqualTo("EUR");
    assertThat(charge.get("reference").asString()).isEqualTo("pay_1");
    assertThat(charge.get("order_reference").asString()).isEqualTo("ord_pay_1");
    assertThat(charge.get("decline_code").isNull()).isTrue();
    assertThat(charge.get("created").asLong()).isPositive();
  }

  @Test
  void chargeJsonHasExactlyTheContractFieldsInOrder() {
    Answer answer = http.post("/v1/charges", key(), chargeBody(1000, "pm_ok", false, "pay_1"));

    assertThat(answer.json().propertyNames())
        .containsExactly(
            "id",
            "object",
            "reference",
            "order_reference",
            "amount",
            "currency",
            "payment_method",
            "status",
            "amount_captured",
            "amount_refunded",
            "decline_code",
            "created");
  }

  @Test
  void pmOkWithoutCaptureIsAuthorized() {
    Answer answer = http.post("/v1/charges", key(), chargeBody(1000, "pm_ok", false, "pay_1"));

    assertThat(answer.status()).isEqualTo(201);
    assertThat(answer.json().get("status").asString()).isEqualTo("authorized");
    assertThat(answer.json().get("amount_captured").asLong()).isZero();
  }

  @Test
  void pmDeclinedIs402WithADeclinedChargeInTheLedger() {
    Answer answer = http.post("/v1/charges", key(), chargeBody(1000, "pm_declined", true, "pay_1"));

    assertThat(answer.status()).isEqualTo(402);
    assertThat(answer.json().get("status").asString()).isEqualTo("declined");
    assertThat(answer.json().get("decline_code").asString()).isEqualTo("card_declined");
    assertThat(answer.json().get("amount_captured").asLong()).isZero();
    assertThat(sim.ledger())
        .singleElement()
        .satisfies(entry -> assertThat(entry.charge().status()).isEqualTo(ChargeStatus.DECLINED));
  }

  @Test
  void pmSlowApprovesAfterSlowMs() {
    sim.updateKnobs(sim.knobs().withSlowMs(200));
    long start = System.nanoTime();

    Answer answer = http.post("/v1/charges", key(), chargeBody(1000, "pm_slow", true, "pay_1"));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(ms(200));
    assertThat(answer.status()).isEqualTo(201);
    assertThat(answer.json().get("status").asString()).isEqualTo("captured");
  }

  @Test
  void pmAsyncAnswers202Pending() {
    Answer answer = http.post("/v1/charges", key(), chargeBody(1000, "pm_async", true, "pay_1"));

    assertThat(answer.status()).isEqualTo(202);
    assertThat(answer.json().get("status").asString()).isEqualTo("pending");
  }

  @Test
  void replayIsByteIdenticalAndMarked() {
    String key = key();
    String body = chargeBody(1000, "pm_ok", true, "pay_1");

    Answer first = http.post("/v1/charges", key, body);
    Answer again = http.post("/v1/charges", key, body);

    assertThat(first.replayed()).isFalse();
    assertThat(again.replayed()).isTrue();
    assertThat(again.sameAs(first)).isTrue();
    assertThat(sim.ledger()).hasSize(1);
  }

  @Test
  void keyReusedWithAnotherBodyIs422AndChargesNothingMore() {
    String key = key();
    http.post("/v1/charges", key, chargeBody(1000, "pm_ok", true, "pay_1"));

    Answer reused = http.post("/v1/charges", key, chargeBody(2000, "pm_ok", true, "pay_1"));

    assertThat(reused.status()).isEqualTo(422);
    assertThat(reused.errorCode()).isEqualTo("idempotency_key_reused");
    assertThat(sim.ledger()).hasSize(1);
  }

  @Test
  void keyReusedOnAnotherPathIs422() {
    String key = key();
    String id =
        http.post("/v1/charges", key, chargeBody(1000, "pm_ok", false, "pay_1"))
            .json()
            .get("id")
            .asString();

    Answer reused = http.post("/v1/charges/" + id + "/void", key, "");

    assertThat(reused.status()).isEqualTo(422);
    assertThat(reused.errorCode()).isEqualTo("idempotency_key_reused");
  }

  @Test
  void missingIdempotencyKeyIs400() {
    Answer answer = http.post("/v1/charges", null, chargeBody(1000, "pm_ok", true, "pay_1"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.errorCode()).isEqualTo("idempotency_key_missing");
    assertThat(answer.json().path("error").path("message").asString()).isNotBlank();
    assertThat(sim.ledger()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"currency\":\"EUR\",\"payment_method\":\"pm_ok\",\"reference\":\"r\"}",
        "{\"amount\":0,\"currency\":\"EUR\",\"payment_method\":\"pm_ok\",\"reference\":\"r\"}",
        "{\"amount\":-5,\"currency\":\"EUR\",\"payment_method\":\"pm_ok\",\"reference\":\"r\"}",
        "{\"amount\":10.5,\"currency\":\"EUR\",\"payment_method\":\"pm_ok\",\"reference\":\"r\"}",
        "{\"amount\":\"100\",\"currency\":\"EUR\",\"payment_method\":\"pm_ok\",\"reference\":\"r\"}",
        "{\"amount\":100,\"currency\":\"EURO\",\"payment_method\":\"pm_ok\",\"reference\":\"r\"}",
        "{\"amount\":100,\"currency\":\"XQZ\",\"payment_method\":\"pm_ok\",\"reference\":\"r\"}",
        "{\"amount\":100,\"payment_method\":\"pm_ok\",\"reference\":\"r\"}",
        "{\"amount\":100,\"currency\":\"EUR\",\"reference\":\"r\"}",
        "{\"amount\":100,\"currency\":\"EUR\",\"payment_method\":\"pm_ok\"}",
        "{\"amount\":100,\"currency\":\"EUR\",\"payment_method\":\"pm_ok\",\"reference\":\"r\","
            + "\"capture\":\"yes\"}",
        "[1,2]",
        ""
      })
  void invalidChargeRequestsAre400AndNotStored(String body) {
    String key = key();

    Answer answer = http.post("/v1/charges", key, body);

    assertThat(answer.status()).as(body).isEqualTo(400);
    assertThat(answer.errorCode()).isEqualTo("invalid_request");
    assertThat(sim.ledger()).isEmpty();
    // Not stored: the same key with a corrected body processes normally.
    assertThat(http.post("/v1/charges", key, chargeBody(100, "pm_ok", true, "r")).status())
        .isEqualTo(201);
  }

  @Test
  void unknownPaymentMethodIs400InvalidPaymentMethod() {
    Answer answer = http.post("/v1/charges", key(), chargeBody(1000, "pm_bogus", true, "pay_1"));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.errorCode()).isEqualTo("invalid_payment_method");
  }

  @Test
  void malformedJsonIs400() {
    Answer answer = http.post("/v1/charges", key(), "{\"amount\":");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.errorCode()).isEqualTo("invalid_request");
  }

  @Test
  void lowerCaseCurrencyIsAnsweredInUpperCase() {
    String body =
        "{\"amount\":100,\"currency\":\"eur\",\"payment_method\":\"pm_ok\",\"reference\":\"r\"}";

    Answer answer = http.post("/v1/charges", key(), body);

    assertThat(answer.status()).isEqualTo(201);
    assertThat(answer.json().get("currency").asString()).isEqualTo("EUR");
    assertThat(answer.json().get("status").asString())
        .as("capture defaults to true")
        .isEqualTo("captured");
  }

  @Test
  void getChargeAndListByReference() {
    String id =
        http.post("/v1/charges", key(), chargeBody(1000, "pm_ok", false, "pay_A"))
            .json()
            .get("id")
            .asString();
    http.post("/v1/charges", key(), chargeBody(1000, "pm_declined", false, "pay_A"));
    http.post("/v1/charges", key(), chargeBody(1000, "pm_ok", false, "pay_B"));

    Answer one = http.get("/v1/charges/" + id);
    Answer list = http.get("/v1/charges?reference=pay_A");

    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().get("id").asString()).isEqualTo(id);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().get("data").valueStream().map(c -> c.get("status").asString()))
        .containsExactly("authorized", "declined");
    assertThat(http.get("/v1/charges?reference=nothing").json().get("data").isEmpty()).isTrue();
    assertThat(http.get("/v1/charges").status()).isEqualTo(400);
  }

  @Test
  void unknownChargeIs404() {
    Answer answer = http.get("/v1/charges/ch_missing");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.errorCode()).isEqualTo("no_such_charge");
  }

  @Test
  void unknownPathIs404AndWrongMethodIs405() {
    Answer unknown = http.get("/v2/anything");
    Answer wrongMethod =
        http.send(
            HttpRequest.newBuilder(sim.baseUrl().resolve("/v1/charges/ch_1")).DELETE().build());

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo("not_found");
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.errorCode()).isEqualTo("method_not_allowed");
  }

  @Test
  void ledgerListsEveryChargeWithKeyAndRefunds() {
    String key = key();
    String id =
        http.post("/v1/charges", key, chargeBody(1000, "pm_ok", true, "pay_1"))
            .json()
            .get("id")
            .asString();
    http.post("/v1/charges/" + id + "/refunds", "refund-key-1", "{\"amount\":300}");
    http.post("/v1/charges", key(), chargeBody(500, "pm_declined", true, "pay_2"));

    JsonNode ledger = http.get("/sim/ledger").json();

    JsonNode first = ledger.get("charges").get(0);
    assertThat(ledger.get("charges").size()).isEqualTo(2);
    assertThat(first.get("id").asString()).isEqualTo(id);
    assertThat(first.get("idempotency_key").asString()).isEqualTo(key);
    assertThat(first.get("status").asString()).isEqualTo("partially_refunded");
    assertThat(first.get("amount_refunded").asLong()).isEqualTo(300);
    assertThat(first.get("refunds").get(0).get("amount").asLong()).isEqualTo(300);
    assertThat(first.get("refunds").get(0).get("idempotency_key").asString())
        .isEqualTo("refund-key-1");
    assertThat(first.get("refunds").get(0).get("id").asString()).startsWith("re_");
    assertThat(ledger.get("charges").get(1).get("status").asString()).isEqualTo("declined");
  }

  @Test
  void knobsCanBeReadMergedAndReset() {
    Answer initial = http.get("/sim/knobs");
    Answer merged = http.post("/sim/knobs", null, "{\"slow_ms\":5,\"error_rate\":0.25}");
    Answer typo = http.post("/sim/knobs", null, "{\"eror_rate\":1.0}");
    Answer outOfRange = http.post("/sim/knobs", null, "{\"error_rate\":1.5}");

    assertThat(initial.json().get("slow_ms").asLong()).isEqualTo(2000);
    assertThat(initial.json().get("webhook_duplicate_rate").asDouble()).isEqualTo(1.0);
    assertThat(initial.json().get("seed").isNull()).isTrue();
    assertThat(merged.status()).isEqualTo(200);
    assertThat(merged.json().get("slow_ms").asLong()).isEqualTo(5);
    assertThat(merged.json().get("hang_ms").asLong()).isEqualTo(30_000);
    assertThat(sim.knobs().errorRate()).isEqualTo(0.25);
    assertThat(typo.status()).isEqualTo(400);
    assertThat(outOfRange.status()).isEqualTo(400);
    assertThat(sim.knobs().errorRate()).as("a rejected update changes nothing").isEqualTo(0.25);

    http.post("/v1/charges", key(), chargeBody(1000, "pm_ok", true, "pay_1"));
    Answer reset = http.post("/sim/reset", null, "");

    assertThat(reset.status()).isEqualTo(200);
    assertThat(sim.knobs()).isEqualTo(SimKnobs.defaults());
    assertThat(sim.ledger()).isEmpty();
  }

  @Test
  void resetForgetsIdempotencyKeys() {
    String key = key();
    String body = chargeBody(1000, "pm_ok", true, "pay_1");
    http.post("/v1/charges", key, body);

    sim.reset();
    Answer afterReset = http.post("/v1/charges", key, body);

    assertThat(afterReset.replayed()).isFalse();
    assertThat(afterReset.status()).isEqualTo(201);
    assertThat(sim.ledger()).hasSize(1);
  }

  @Test
  void latencyKnobDelaysApiCalls() {
    sim.updateKnobs(sim.knobs().withLatency(150, 0));
    long start = System.nanoTime();

    Answer answer = http.get("/v1/charges/ch_missing");

    assertThat(answer.status()).isEqualTo(404);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(ms(150));
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
