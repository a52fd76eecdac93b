package com.oncepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.outbox.JobKind;
import com.oncepay.outbox.OutboxRepository;
import com.oncepay.race.LedgerProbe;
import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.Await;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** {@code "async": true}: 202 at once, a worker runs the same executor, GET shows the outcome. */
@TestPropertySource(
    properties = {
      "oncepay.gateway.read-timeout=1s",
      "oncepay.gateway.max-attempts=1",
      "oncepay.gateway.lease-margin=1s",
      "oncepay.idempotency.lease=3s",
      "oncepay.worker.operation-retry.initial=100ms",
      "oncepay.worker.operation-retry.max=500ms"
    })
class AsyncPaymentIT extends ApiTestBase {

  @Autowired OutboxRepository outbox;
  @Autowired TransactionTemplate tx;

  private String status(String order) {
    return api().get("/v1/orders/" + order).json().get("status").asString();
  }

  private Resp payAsync(String order, String method) {
    return api()
        .post(
            "/v1/orders/" + order + "/payments",
            "async-" + order,
            "{\"payment_method\":\"" + method + "\",\"async\":true}");
  }

  /** A job whose operation is not there can never run: it is dead at once, not retried. */
  @Test
  void aJobForAMissingOperationIsBuriedWithItsReason() {
    UUID missing = UUID.randomUUID();
    OffsetDateTime now = OffsetDateTime.now();
    tx.executeWithoutResult(status -> outbox.enqueue(JobKind.OPERATION, missing, now, now));
    String job =
        Await.until(
            Duration.ofSeconds(10),
            "the job to end",
            () ->
                jdbc.sql(
                        "SELECT concat_ws(' ', status, attempts, last_error) FROM outbox"
                            + " WHERE ref = :r")
                    .param("r", missing)
                    .query(String.class)
                    .single(),
            line -> !line.startsWith("ready") && !line.startsWith("claimed"));
    assertThat(job).isEqualTo("dead 1 no operation op_" + missing);
  }

  @Test
  void asyncPaymentIsAcceptedThenSettledByAWorker() {
    String order = api().createOrder("cart-" + UUID.randomUUID(), 900);
    Resp accepted = payAsync(order, "pm_ok");
    assertThat(accepted.status()).isEqualTo(202);
    assertThat(accepted.json().get("status").asString()).isEqualTo("processing");
    Await.until(Duration.ofSeconds(10), "order paid", () -> status(order).equals("paid"));
    assertThat(LedgerProbe.charges(sim(), order)).isEqualTo(1);
    // The key keeps answering what it answered: accepted, processing.
    Resp replay = payAsync(order, "pm_ok");
    assertThat(replay.replayed()).isTrue();
    assertThat(replay.body()).isEqualTo(accepted.body());
    long paidEvents =
        jdbc.sql("SELECT count(*) FROM domain_events WHERE type = 'order.paid' AND object_id = :o")
            .param("o", order)
            .query(Long.class)
            .single();
    assertThat(paidEvents).isEqualTo(1);
    // The queue's latency to the gateway is what operators watch on /actuator/prometheus.
    String metrics = operator().get("/actuator/prometheus").text();
    assertThat(metrics)
        .containsPattern("oncepay_queue_to_gateway_seconds_count(\\{[^}]*\\})? [1-9]")
        .contains("oncepay_queue_to_gateway_seconds{quantile=\"0.99\"");
  }

  @Test
  void asyncDeclineFailsThePaymentAndFreesTheOrder() {
    String order = api().createOrder("cart-" + UUID.randomUUID(), 900);
    assertThat(payAsync(order, "pm_declined").status()).isEqualTo(202);
    Await.until(
        Duration.ofSeconds(10), "order failed", () -> status(order).equals("payment_failed"));
    Resp retry =
        api()
            .post(
                "/v1/orders/" + order + "/payments",
                "sync-" + order,
                "{\"payment_method\":\"pm_ok\"}");
    assertThat(retry.status()).isEqualTo(201);
  }

  /** Charged, then the answer never came: resolved by re-sending with the same key, by itself. */
  @Test
  void timeoutAfterChargeEndsPaidWithOneCharge() {
    sim().updateKnobs(sim().knobs().withHangMs(5_000));
    String order = api().createOrder("cart-" + UUID.randomUUID(), 1500);
    assertThat(payAsync(order, "pm_timeout_after_charge").status()).isEqualTo(202);
    Await.until(Duration.ofSeconds(20), "order paid", () -> status(order).equals("paid"));
    assertThat(LedgerProbe.charges(sim(), order)).isEqualTo(1);
  }

  @Test
  void syncTimeoutAfterChargeIsResolvedByRecovery() {
    sim().updateKnobs(sim().knobs().withHangMs(5_000));
    String order = api().createOrder("cart-" + UUID.randomUUID(), 1600);
    Resp first =
        api()
            .post(
                "/v1/orders/" + order + "/payments",
                "sync-tac-" + order,
                "{\"payment_method\":\"pm_timeout_after_charge\"}");
    assertThat(first.status()).isEqualTo(202);
    assertThat(first.json().get("status").asString()).isEqualTo("unknown");
    Await.until(Duration.ofSeconds(20), "order paid", () -> status(order).equals("paid"));
    assertThat(LedgerProbe.charges(sim(), order)).isEqualTo(1);
  }
}
