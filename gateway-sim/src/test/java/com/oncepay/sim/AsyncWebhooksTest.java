package com.oncepay.sim;

import static com.oncepay.sim.SimHttp.chargeBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.sim.SimHttp.Answer;
import com.oncepay.sim.WebhookReceiver.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AsyncWebhooksTest {

  private static final String SECRET = "whsec_test_secret";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private WebhookReceiver receiver;
  private GatewaySimulator sim;
  private SimHttp http;

  private void start(int receiverFailsFirst, SimKnobs knobs) {
    receiver = new WebhookReceiver(receiverFailsFirst);
    sim =
        GatewaySimulator.start(
            SimSettings.defaults().withWebhook(receiver.url(), SECRET).withKnobs(knobs));
    http = new SimHttp(sim.baseUrl());
  }

  @AfterEach
  void stop() {
    http.close();
    sim.close();
    receiver.close();
  }

  private static JsonNode verified(Delivery delivery) {
    long now = Instant.now().getEpochSecond();
    assertThat(
            WebhookSignature.verify(
                delivery.signature(), delivery.body(), List.of(SECRET), now, 300))
        .as("signature %s", delivery.signature())
        .isTrue();
    return SimHttp.JSON.readTree(delivery.body());
  }

  @Test
  void capturedAsyncChargeAnnouncesAuthorizedAndCapturedEachTwice() throws Exception {
    start(0, SimKnobs.defaults().withAsyncDelayMs(20));

    Answer accepted = http.post("/v1/charges", "k1", chargeBody(1000, "pm_async", true, "pay_1"));
    List<Delivery> deliveries = receiver.await(4, WAIT);

    assertThat(accepted.status()).isEqualTo(202);
    String chargeId = accepted.json().get("id").asString();
    List<JsonNode> events = deliveries.stream().map(AsyncWebhooksTest::verified).toList();
    Map<String, List<JsonNode>> byId =
        events.stream().collect(Collectors.groupingBy(e -> e.get("id").asString()));
    assertThat(byId).hasSize(2);
    assertThat(byId.values()).allSatisfy(copies -> assertThat(copies).hasSize(2));
    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.get("id").asString()).startsWith("evt_");
              assertThat(e.get("created").asLong()).isPositive();
              assertThat(e.get("data").get("object").get("id").asString()).isEqualTo(chargeId);
            });
    Map<String, String> statusByType =
        events.stream()
            .collect(
                Collectors.toMap(
                    e -> e.get("type").asString(),
                    e -> e.get("data").get("object").get("status").asString(),
                    (a, b) -> a));
    assertThat(statusByType)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("charge.authorized", "authorized", "charge.captured", "captured"));
    // Duplicates are the very same bytes.
    for (List<JsonNode> copies : byId.values()) {
      assertThat(copies.get(0)).isEqualTo(copies.get(1));
    }
    assertThat(sim.ledger().getFirst().charge().status()).isEqualTo(ChargeStatus.CAPTURED);
    assertThat(sim.ledger().getFirst().charge().amountCaptured()).isEqualTo(1000);
    // The stored answer stays the 202 pending, byte for byte.
    Answer replay = http.post("/v1/charges", "k1", chargeBody(1000, "pm_async", true, "pay_1"));
    assertThat(replay.sameAs(accepted)).isTrue();
    assertThat(http.get("/v1/charges/" + chargeId).json().get("status").asString())
        .isEqualTo("captured");
  }

  @Test
  void manualCaptureAsyncChargeAnnouncesOnlyAuthorized() throws Exception {
    start(0, SimKnobs.defaults().withAsyncDelayMs(0));

    http.post("/v1/charges", "k1", chargeBody(1000, "pm_async", false, "pay_1"));
    List<Delivery> deliveries = receiver.await(2, WAIT);

    assertThat(deliveries.stream().map(AsyncWebhooksTest::verified))
        .allSatisfy(e -> assertThat(e.get("type").asString()).isEqualTo("charge.authorized"));
    Await.until(
        WAIT,
        "the charge to settle",
        () -> sim.ledger().getFirst().charge().status() == ChargeStatus.AUTHORIZED);
  }

  @Test
  void asyncDeclinedAnnouncesFailed() throws Exception {
    start(0, SimKnobs.defaults().withAsyncDelayMs(0));

    Answer accepted =
        http.post("/v1/charges", "k1", chargeBody(1000, "pm_async_declined", true, "pay_1"));
    List<Delivery> deliveries = receiver.await(2, WAIT);

    assertThat(accepted.status()).isEqualTo(202);
    assertThat(deliveries.stream().map(AsyncWebhooksTest::verified))
        .allSatisfy(
            e -> {
              assertThat(e.get("type").asString()).isEqualTo("charge.failed");
              assertThat(e.get("data").get("object").get("status").asString())
                  .isEqualTo("declined");
              assertThat(e.get("data").get("object").get("decline_code").asString())
                  .isEqualTo("card_declined");
            });
    assertThat(sim.ledger().getFirst().charge().status()).isEqualTo(ChargeStatus.DECLINED);
  }

  @Test
  void failedDeliveriesAreRetried() throws Exception {
    start(3, SimKnobs.defaults().withAsyncDelayMs(0).withWebhookDuplicateRate(0.0));

    http.post("/v1/charges", "k1", chargeBody(1000, "pm_async", true, "pay_1"));
    List<Delivery> deliveries = receiver.await(2, WAIT);

    assertThat(receiver.refused()).isEqualTo(3);
    assertThat(deliveries.stream().map(d -> verified(d).get("type").asString()))
        .containsExactlyInAnyOrder("charge.authorized", "charge.captured");
  }

  @Test
  void signatureDoesNotVerifyWithAnotherSecret() throws Exception {
    start(0, SimKnobs.defaults().withAsyncDelayMs(0).withWebhookDuplicateRate(0.0));

    http.post("/v1/charges", "k1", chargeBody(1000, "pm_async", false, "pay_1"));
    Delivery delivery = receiver.await(1, WAIT).getFirst();

    long now = Instant.now().getEpochSecond();
    assertThat(
            WebhookSignature.verify(
                delivery.signature(), delivery.body(), List.of("whsec_other"), now, 300))
        .isFalse();
    byte[] tampered = Arrays.copyOf(delivery.body(), delivery.body().length);
    tampered[tampered.length - 2] ^= 1;
    assertThat(WebhookSignature.verify(delivery.signature(), tampered, List.of(SECRET), now, 300))
        .isFalse();
  }
}
