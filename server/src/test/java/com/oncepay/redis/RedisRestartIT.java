package com.oncepay.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.testsupport.Api;
import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.Await;
import com.oncepay.testsupport.OwnRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on {@code ONCEPAY_CONCURRENCY_STRATEGY=redis}, its Redis a redis-server of this
 * test's own (nothing on disk), killed by PID mid-run and started again empty. While it is down,
 * every claim answers 503 + Retry-After fast (no hang, nothing written); once it is back, payments
 * go through again by themselves, also on the order and the payment whose stored fences are above
 * the restarted counters (the liveness case). A Redis that is stopped (SIGSTOP: connected, silent)
 * answers 503 within its timeout as well. The machine's Redis on 6379 is never touched.
 */
class RedisRestartIT extends ApiTestBase {

  /**
   * Redis timeout 300 ms and no retry: a claim with Redis down must be answered well within this.
   */
  private static final Duration FAST_ANSWER = Duration.ofSeconds(3);

  private static OwnRedis redis;

  @DynamicPropertySource
  static void ownRedis(DynamicPropertyRegistry registry) {
    try {
      Path dir = Files.createTempDirectory("oncepay-redis-restart-");
      redis = OwnRedis.start(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    registry.add("oncepay.concurrency-strategy", () -> "redis");
    registry.add("oncepay.redis.url", () -> redis.url().toString());
    registry.add("oncepay.redis.timeout", () -> "300ms");
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Test
  void redisDownAnswers503FastAndPaymentsResumeWhenItIsBack() {
    Api api = api();
    String run = UUID.randomUUID().toString().substring(0, 8);
    // Before: a paid order, a declined one (its fence is set: it will be claimed again), and a
    // captured payment refunded twice (its fence is at 2).
    String paid = api.capturedPayment("paid-" + run, 5000);
    String declined = api.createOrder("declined-" + run, 3000);
    assertThat(pay(api, declined, "decline-" + run, "pm_declined").status()).isEqualTo(402);
    assertThat(refund(api, paid, "refund-1-" + run).status()).isEqualTo(201);
    assertThat(refund(api, paid, "refund-2-" + run).status()).isEqualTo(201);
    long orderFence = fence("orders", declined);
    long paymentFence = fence("payments", paid);
    assertThat(orderFence).isPositive();
    assertThat(paymentFence).isGreaterThanOrEqualTo(2);

    redis.kill();

    // While it is down: 503 + Retry-After, fast, for a payment and a refund; nothing written.
    String waiting = api.createOrder("waiting-" + run, 1000);
    for (int i = 0; i < 3; i++) {
      assertFast503("killed", () -> pay(api, waiting, "pay-waiting-" + run, "pm_ok"));
      assertFast503("killed", () -> refund(api, paid, "refund-3-" + run));
    }
    assertThat(status("orders", waiting)).isEqualTo("pending_payment");

    redis.startAgain();

    // Back, empty: the same requests (same keys) succeed once the client has reconnected, and so
    // do the claims whose counters restarted below the stored fences.
    // Redisson reconnects each pooled connection on its own, so one request going through does
    // not mean the next one's connection is back yet: each waits for its own, then must succeed.
    assertThat(untilNot503(() -> pay(api, waiting, "pay-waiting-" + run, "pm_ok")).status())
        .isEqualTo(201);
    assertThat(untilNot503(() -> refund(api, paid, "refund-3-" + run)).status()).isEqualTo(201);
    assertThat(fence("payments", paid)).isGreaterThan(paymentFence);
    assertThat(untilNot503(() -> pay(api, declined, "retry-" + run, "pm_ok")).status())
        .isEqualTo(201);
    assertThat(fence("orders", declined)).isGreaterThan(orderFence);
  }

  @Test
  void aRedisThatStopsAnsweringGives503WithinTheTimeoutAndRecovers() {
    Api api = api();
    String run = UUID.randomUUID().toString().substring(0, 8);
    String order = api.createOrder("frozen-" + run, 2000);

    redis.freeze();
    try {
      // Connected but silent: each command ends at the 300 ms timeout, never waits longer.
      for (int i = 0; i < 3; i++) {
        assertFast503("stopped (SIGSTOP)", () -> pay(api, order, "pay-frozen-" + run, "pm_ok"));
      }
      assertThat(status("orders", order)).isEqualTo("pending_payment");
    } finally {
      redis.thaw();
    }

    Api.Resp paid =
        Await.until(
            Duration.ofSeconds(20),
            "the payment to go through after Redis answers again",
            () -> pay(api, order, "pay-frozen-" + run, "pm_ok"),
            r -> r.status() != 503);
    assertThat(paid.status()).isEqualTo(201);
  }

  private static void assertFast503(String redis, java.util.function.Supplier<Api.Resp> call) {
    long start = System.nanoTime();
    Api.Resp r = call.get();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(r.status()).as("answer with Redis down: %s", r).isEqualTo(503);
    assertThat(r.errorCode()).isEqualTo("service_unavailable");
    assertThat(r.retryAfter()).isNotBlank();
    assertThat(took).as("time to answer with Redis down").isLessThan(FAST_ANSWER);
    System.out.println("503 with Redis " + redis + " after " + took.toMillis() + " ms");
  }

  private static Api.Resp pay(Api api, String order, String key, String method) {
    return api.post(
        "/v1/orders/" + order + "/payments", key, "{\"payment_method\":\"" + method + "\"}");
  }

  private static Api.Resp refund(Api api, String payment, String key) {
    return api.post("/v1/payments/" + payment + "/refunds", key, "{\"amount\":100}");
  }

  private long fence(String table, String id) {
    return jdbc.sql("SELECT fence FROM " + table + " WHERE id = :id")
        .param("id", UUID.fromString(id.substring(id.indexOf('_') + 1)))
        .query(Long.class)
        .single();
  }

  private String status(String table, String id) {
    return jdbc.sql("SELECT status FROM " + table + " WHERE id = :id")
        .param("id", UUID.fromString(id.substring(id.indexOf('_') + 1)))
        .query(String.class)
        .single();
  }

  /** The same request, with the same key, until it is answered with something other than 503. */
  private static Api.Resp untilNot503(Supplier<Api.Resp> request) {
    return Await.until(
        Duration.ofSeconds(20), "an answer other than 503", request, r -> r.status() != 503);
  }
}
