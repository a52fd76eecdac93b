package com.oncepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.gateway.GatewayResult;
import com.oncepay.gateway.PaymentGateway;
import com.oncepay.outbox.OutboxWorker;
import com.oncepay.race.LedgerProbe;
import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.Await;
import com.oncepay.testsupport.DelegatingGateway;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * Crashes in the worst places, on the real stack: after the gateway charged and before we recorded
 * it (sync request and queue worker), and a worker that died holding a job. Each ends paid, by
 * itself, with exactly one charge.
 */
@TestPropertySource(
    properties = {
      "oncepay.gateway.read-timeout=1s",
      "oncepay.gateway.max-attempts=1",
      "oncepay.gateway.lease-margin=1s",
      "oncepay.idempotency.lease=3s",
      "oncepay.worker.recovery-interval=500ms",
      "oncepay.worker.lease=2s",
      "oncepay.worker.operation-retry.initial=100ms",
      "oncepay.worker.operation-retry.max=500ms"
    })
@Import(CrashRecoveryIT.CrashAfterCharge.class)
class CrashRecoveryIT extends ApiTestBase {

  @Autowired AtomicBoolean crashAfterNextCharge;
  @Autowired OutboxWorker worker;

  private String status(String order) {
    return api().get("/v1/orders/" + order).json().get("status").asString();
  }

  @Test
  void syncRequestDiesBetweenChargeAndFinalize() {
    String order = api().createOrder("cart-" + UUID.randomUUID(), 2100);
    String path = "/v1/orders/" + order + "/payments";
    crashAfterNextCharge.set(true);
    Resp crashed = api().post(path, "k-sync-crash", "{\"payment_method\":\"pm_ok\"}");
    assertThat(crashed.status()).isEqualTo(500);
    assertThat(LedgerProbe.charges(sim(), order)).isEqualTo(1);
    Await.until(
        Duration.ofSeconds(20), "order paid by recovery", () -> status(order).equals("paid"));
    assertThat(LedgerProbe.charges(sim(), order)).isEqualTo(1);
    // The client's retry with its key now gets the settled answer.
    Resp retry =
        Await.until(
            Duration.ofSeconds(10),
            "key released",
            () -> api().post(path, "k-sync-crash", "{\"payment_method\":\"pm_ok\"}"),
            r -> r.status() != 409);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.json().get("status").asString()).isEqualTo("captured");
  }

  @Test
  void workerDiesBetweenChargeAndFinalize() {
    String order = api().createOrder("cart-" + UUID.randomUUID(), 2200);
    crashAfterNextCharge.set(true);
    Resp accepted =
        api()
            .post(
                "/v1/orders/" + order + "/payments",
                "k-async-crash",
                "{\"payment_method\":\"pm_ok\",\"async\":true}");
    assertThat(accepted.status()).isEqualTo(202);
    Await.until(Duration.ofSeconds(20), "order paid", () -> status(order).equals("paid"));
    assertThat(LedgerProbe.charges(sim(), order)).isEqualTo(1);
  }

  @Test
  void jobOfAKilledWorkerIsTakenOverAfterItsLease() {
    worker.stop();
    try {
      String order = api().createOrder("cart-" + UUID.randomUUID(), 2300);
      Resp accepted =
          api()
              .post(
                  "/v1/orders/" + order + "/payments",
                  "k-killed",
                  "{\"payment_method\":\"pm_ok\",\"async\":true}");
      assertThat(accepted.status()).isEqualTo(202);
      // Another instance claimed it, then was killed: its lease runs out in 2 s.
      int claimed =
          jdbc.sql(
                  """
                  UPDATE outbox SET status = 'claimed', claimed_by = 'killed-instance',
                                    lease_until = now() + interval '2 seconds', attempts = 1
                   WHERE kind = 'operation' AND status = 'ready'
                  """)
              .update();
      assertThat(claimed).isEqualTo(1);
      worker.start();
      Await.until(Duration.ofSeconds(20), "order paid", () -> status(order).equals("paid"));
      assertThat(LedgerProbe.charges(sim(), order)).isEqualTo(1);
      String takenBy =
          jdbc.sql(
                  "SELECT claimed_by FROM outbox WHERE kind = 'operation' ORDER BY id DESC LIMIT 1")
              .query(String.class)
              .single();
      assertThat(takenBy).isEqualTo(worker.workerId());
    } finally {
      if (!worker.isRunning()) {
        worker.start();
      }
    }
  }

  @TestConfiguration
  static class CrashAfterCharge {
    @Bean
    AtomicBoolean crashAfterNextCharge() {
      return new AtomicBoolean();
    }

    /** The gateway charges; then this process "dies" before the answer is recorded. */
    @Bean
    @Primary
    PaymentGateway crashAfterCharge(
        @Qualifier("paymentGateway") PaymentGateway real, AtomicBoolean crashAfterNextCharge) {
      return new DelegatingGateway(real) {
        @Override
        public GatewayResult authorize(AuthorizeCall call) {
          GatewayResult result = real.authorize(call);
          if (crashAfterNextCharge.getAndSet(false)) {
            throw new IllegalStateException("simulated crash after the gateway charged");
          }
          return result;
        }
      };
    }
  }
}
