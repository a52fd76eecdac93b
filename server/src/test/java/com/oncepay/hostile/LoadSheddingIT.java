package com.oncepay.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Load shedding on the real server: with the instance at its bound of requests in flight (here 3,
 * all waiting on a slow gateway), the next request is answered 503 with Retry-After at once — not
 * queued behind them — and the ones in flight finish normally.
 */
@TestPropertySource(properties = "oncepay.limits.max-in-flight=3")
class LoadSheddingIT extends ApiTestBase {

  @Test
  void pastTheInFlightBoundRequestsAreShedAtOnce() throws Exception {
    sim().updateKnobs(sim().knobs().withSlowMs(3_000));
    List<String> orders = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      orders.add(api().createOrder("cart-" + UUID.randomUUID(), 100 + i));
    }
    List<CompletableFuture<Resp>> slow = new ArrayList<>();
    try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String order : orders.subList(0, 3)) {
        slow.add(CompletableFuture.supplyAsync(() -> api().pay(order, "pm_slow"), clients));
      }
      Await.until(
          Duration.ofSeconds(5),
          "three payments at the gateway",
          () ->
              jdbc.sql("SELECT count(*) FROM payment_operations WHERE status = 'processing'")
                      .query(Long.class)
                      .single()
                  == 3);
      long started = System.nanoTime();
      Resp shed = api().get("/v1/orders/" + orders.get(3));
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(shed.status()).as(shed.toString()).isEqualTo(503);
      assertThat(shed.errorCode()).isEqualTo("service_unavailable");
      assertThat(shed.retryAfter()).isEqualTo("1");
      assertThat(took).isLessThan(Duration.ofMillis(500));
      for (CompletableFuture<Resp> f : slow) {
        assertThat(f.get().status()).isEqualTo(201);
      }
    }
    assertThat(api().get("/v1/orders/" + orders.get(3)).status()).isEqualTo(200);
    assertThat(operator().get("/actuator/prometheus").text())
        .contains("oncepay_http_shed_total 1.0");
  }
}
