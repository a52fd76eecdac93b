package com.oncepay.gatewayevents;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.gateway.GatewayResult;
import com.oncepay.gateway.PaymentGateway;
import com.oncepay.race.LedgerProbe;
import com.oncepay.signing.TimestampedSignature;
import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.Await;
import com.oncepay.testsupport.DelegatingGateway;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** Signed gateway webhooks: late, twice, out of order, before the API answer, or forged. */
@TestPropertySource(
    properties = {
      "oncepay.gateway.webhook-secrets=" + ApiTestBase.SIM_WEBHOOK_SECRET + ",whsec_next_secret",
      "oncepay.worker.operation-retry.initial=200ms",
      "oncepay.worker.operation-retry.max=1s"
    })
@Import(GatewayWebhooksIT.HoldPendingAnswers.class)
class GatewayWebhooksIT extends ApiTestBase {

  private static final String SECRET = SIM_WEBHOOK_SECRET;

  @Autowired AtomicBoolean holdPendingUntilSettled;

  private String status(String order) {
    return api().get("/v1/orders/" + order).json().get("status").asString();
  }

  private Resp deliver(String body, String secret, long timestamp) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return api()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/webhooks/sim"))
                .header("Content-Type", "application/json")
                .header("Sim-Signature", TimestampedSignature.sign(secret, timestamp, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build());
  }

  private static String event(
      String eventId, String type, String chargeId, String paymentId, String status) {
    return """
        {"id":"%s","type":"%s","created":%d,"data":{"object":{"id":"%s","object":"charge",\
        "reference":"%s","amount":1000,"currency":"EUR","status":"%s","amount_captured":%d,\
        "amount_refunded":0,"decline_code":null}}}"""
        .formatted(
            eventId,
            type,
            Instant.now().getEpochSecond(),
            chargeId,
            paymentId,
            status,
            status.equals("captured") ? 1000 : 0);
  }

  @Test
  void asyncGatewayPaymentSettlesByItsDuplicatedReorderedWebhooks() {
    String order = api().createOrder("cart-" + UUID.randomUUID(), 1000);
    Resp pending =
        api()
            .post(
                "/v1/orders/" + order + "/payments",
                "k-async",
                "{\"payment_method\":\"pm_async\"}");
    assertThat(pending.status()).isIn(201, 202);
    Await.until(Duration.ofSeconds(15), "order paid", () -> status(order).equals("paid"));
    assertThat(LedgerProbe.charges(sim(), order)).isEqualTo(1);
    String payment =
        api().get("/v1/orders/" + order).json().get("payments").get(0).get("id").asString();
    List<String> outcomes =
        jdbc.sql("SELECT outcome FROM gateway_events WHERE payment_id = :p")
            .param("p", UUID.fromString(payment.substring(4)))
            .query(String.class)
            .list();
    assertThat(outcomes).doesNotContain("flagged");
    assertThat(outcomes.stream().filter(o -> o.equals("applied")).count()).isLessThanOrEqualTo(1);
  }

  @Test
  void outOfOrderAndDuplicateEventsAreHarmless() {
    sim().updateKnobs(sim().knobs().withAsyncDelayMs(60_000));
    String order = api().createOrder("cart-" + UUID.randomUUID(), 1000);
    var pending =
        api()
            .post(
                "/v1/orders/" + order + "/payments",
                "k-manual",
                "{\"payment_method\":\"pm_async\"}")
            .json();
    String payment = pending.get("id").asString();
    String charge = pending.get("gateway_charge_id").asString();
    long now = Instant.now().getEpochSecond();
    String captured = event("evt_c_" + payment, "charge.captured", charge, payment, "captured");
    String authorized =
        event("evt_a_" + payment, "charge.authorized", charge, payment, "authorized");
    // Captured first, then the older "authorized", then both again.
    assertThat(deliver(captured, SECRET, now).json().get("outcome").asString())
        .isEqualTo("applied");
    assertThat(deliver(authorized, SECRET, now).json().get("outcome").asString())
        .isEqualTo("stale");
    assertThat(deliver(captured, SECRET, now).json().get("outcome").asString())
        .isEqualTo("duplicate");
    assertThat(deliver(authorized, SECRET, now).json().get("outcome").asString())
        .isEqualTo("duplicate");
    assertThat(status(order)).isEqualTo("paid");
    var view = api().get("/v1/payments/" + payment).json();
    assertThat(view.get("status").asString()).isEqualTo("captured");
    assertThat(view.get("amount_captured").asLong()).isEqualTo(1000);
  }

  @Test
  void contradictionsAreFlaggedNotApplied() {
    String order = api().createOrder("cart-" + UUID.randomUUID(), 1000);
    var declined =
        api()
            .post(
                "/v1/orders/" + order + "/payments",
                "k-dec",
                "{\"payment_method\":\"pm_declined\"}");
    assertThat(declined.status()).isEqualTo(402);
    String payment =
        api().get("/v1/orders/" + order).json().get("payments").get(0).get("id").asString();
    Resp flagged =
        deliver(
            event("evt_x_" + payment, "charge.captured", "ch_x", payment, "captured"),
            SECRET,
            Instant.now().getEpochSecond());
    assertThat(flagged.status()).isEqualTo(200);
    assertThat(flagged.json().get("outcome").asString()).isEqualTo("flagged");
    assertThat(api().get("/v1/payments/" + payment).json().get("status").asString())
        .isEqualTo("failed");
  }

  @Test
  void forgedStaleAndRotatedSignatures() {
    String body =
        event("evt_sig_" + UUID.randomUUID(), "charge.captured", "ch_1", "pay_x", "captured");
    long now = Instant.now().getEpochSecond();
    assertThat(deliver(body, "whsec_wrong", now).status()).isEqualTo(400);
    assertThat(deliver(body, SECRET, now - 400).status()).isEqualTo(400);
    assertThat(deliver(body, SECRET, now + 400).status()).isEqualTo(400);
    // During a rotation both secrets are accepted; an unknown payment is recorded and ignored.
    Resp rotated = deliver(body, "whsec_next_secret", now);
    assertThat(rotated.status()).isEqualTo(200);
    assertThat(rotated.json().get("outcome").asString()).isEqualTo("ignored");
  }

  @Test
  void webhookArrivingBeforeTheApiAnswerWins() {
    holdPendingUntilSettled.set(true);
    String order = api().createOrder("cart-" + UUID.randomUUID(), 1000);
    Resp answer =
        api()
            .post(
                "/v1/orders/" + order + "/payments",
                "k-early",
                "{\"payment_method\":\"pm_async\"}");
    // The webhook settled the payment while the gateway's own answer ("pending") was in flight;
    // the request's finalize lost the guarded write and answered what the webhook decided.
    assertThat(answer.status()).isEqualTo(201);
    assertThat(answer.json().get("status").asString()).isEqualTo("captured");
    assertThat(LedgerProbe.charges(sim(), order)).isEqualTo(1);
    Resp replay =
        api()
            .post(
                "/v1/orders/" + order + "/payments",
                "k-early",
                "{\"payment_method\":\"pm_async\"}");
    assertThat(replay.replayed()).isTrue();
    assertThat(replay.body()).isEqualTo(answer.body());
  }

  @TestConfiguration
  static class HoldPendingAnswers {
    @Bean
    AtomicBoolean holdPendingUntilSettled() {
      return new AtomicBoolean();
    }

    /** Delays a "pending" answer until the operation was settled by the webhook. */
    @Bean
    @Primary
    PaymentGateway holdingGateway(
        @Qualifier("paymentGateway") PaymentGateway real,
        AtomicBoolean holdPendingUntilSettled,
        JdbcClient jdbc) {
      return new DelegatingGateway(real) {
        @Override
        public GatewayResult authorize(AuthorizeCall call) {
          GatewayResult result = real.authorize(call);
          if (result instanceof GatewayResult.Pending && holdPendingUntilSettled.getAndSet(false)) {
            Await.until(
                Duration.ofSeconds(15),
                "webhook to settle " + call.reference(),
                () ->
                    jdbc.sql("SELECT status FROM payment_operations WHERE gateway_key = :k")
                        .param("k", call.idempotencyKey())
                        .query(String.class)
                        .single()
                        .equals("succeeded"));
          }
          return result;
        }
      };
    }
  }
}
