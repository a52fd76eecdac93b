package com.oncepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.race.LedgerProbe;
import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.Await;
import com.oncepay.testsupport.TestPgBouncer;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The database goes away while a payment is at the gateway (here: the service's PgBouncer is
 * killed, as when the pooler or the database restarts), so the gateway charges and the finalize
 * fails. The client gets 503 with Retry-After at once; the service keeps the gateway's answer and
 * finalizes it as soon as the database answers again — seconds after the outage, not when the
 * operation's 40 s lease runs out. One charge.
 */
@TestPropertySource(
    properties = {"oncepay.db.url=${oncepay.test.db-own-pgbouncer}", ApiTestBase.LISTEN_DIRECT})
class DatabaseOutageDuringFinalizeIT extends ApiTestBase {

  private static TestPgBouncer pooler;

  @DynamicPropertySource
  static void ownPooler(DynamicPropertyRegistry registry) {
    registry.add("oncepay.test.db-own-pgbouncer", () -> pooler().url(database));
  }

  private static synchronized TestPgBouncer pooler() {
    if (pooler == null) {
      pooler = TestPgBouncer.own(database);
    }
    return pooler;
  }

  @AfterAll
  static void stopPooler() {
    if (pooler != null) {
      pooler.close();
    }
  }

  /** The order's status, or the answer's status code while the service is still reconnecting. */
  private String status(String order) {
    Resp r = api().get("/v1/orders/" + order);
    return r.status() == 200 ? r.json().get("status").asString() : "http " + r.status();
  }

  @Test
  void theGatewaysAnswerIsFinalizedSecondsAfterTheDatabaseIsBack() throws Exception {
    sim().updateKnobs(sim().knobs().withSlowMs(2_000));
    String order = api().createOrder("cart-" + UUID.randomUUID(), 3100);
    CompletableFuture<Resp> paying =
        CompletableFuture.supplyAsync(() -> api().pay(order, "pm_slow"));
    Await.until(
        Duration.ofSeconds(5),
        "the payment to be at the gateway",
        () -> status(order).equals("payment_processing"));
    pooler().kill();

    Resp cutOff = paying.get(15, TimeUnit.SECONDS);
    assertThat(cutOff.status()).as(cutOff.toString()).isEqualTo(503);
    assertThat(cutOff.retryAfter()).isNotNull();
    assertThat(LedgerProbe.charges(sim(), order)).isEqualTo(1);

    Thread.sleep(1_000);
    pooler().start();
    long back = System.nanoTime();
    Await.until(Duration.ofSeconds(5), "the order to be paid", () -> status(order).equals("paid"));
    System.out.printf(
        "paid %d ms after the database was back%n",
        Duration.ofNanos(System.nanoTime() - back).toMillis());
    assertThat(LedgerProbe.charges(sim(), order)).isEqualTo(1);
  }

  @Test
  void anAsyncPaymentCutOffTheSameWayIsSettledSecondsAfterTheDatabaseIsBack() throws Exception {
    sim().updateKnobs(sim().knobs().withSlowMs(2_000));
    String order = api().createOrder("cart-" + UUID.randomUUID(), 3200);
    Resp accepted =
        api()
            .post(
                "/v1/orders/" + order + "/payments",
                "pay-async-" + order,
                "{\"payment_method\":\"pm_slow\",\"async\":true}");
    assertThat(accepted.status()).isEqualTo(202);
    Await.until(
        Duration.ofSeconds(5),
        "the worker's call to reach the gateway",
        () -> sim().ledger().stream().anyMatch(e -> order.equals(e.charge().orderReference())));
    pooler().kill();
    Thread.sleep(3_000);
    pooler().start();
    long back = System.nanoTime();
    Await.until(Duration.ofSeconds(5), "the order to be paid", () -> status(order).equals("paid"));
    System.out.printf(
        "async: paid %d ms after the database was back%n",
        Duration.ofNanos(System.nanoTime() - back).toMillis());
    assertThat(LedgerProbe.charges(sim(), order)).isEqualTo(1);
  }
}
