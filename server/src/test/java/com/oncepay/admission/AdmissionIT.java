package com.oncepay.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Admission on the real server: 4 requests run at once (2 of the 6 connections left to the queue's
 * claim and heartbeat), the rest wait their turn instead of timing out on the pool, and a request
 * waiting for the gateway leaves its slot to another. {@link AdmissionOffNaiveIT} is the same burst
 * with the bound lifted: there the pool's timeout answers 503.
 */
@TestPropertySource(
    properties = {"oncepay.limits.max-running=4", "oncepay.limits.admission-wait=60s"})
class AdmissionIT extends AdmissionBurst {

  @Test
  void aBurstWaitsForItsTurnInsteadOfTimingOutOnThePool() {
    Map<Integer, Long> statuses = burst();
    assertThat(statuses).as("answers by status").isEqualTo(Map.of(201, (long) RACERS));
    String metrics = metrics();
    assertThat(metrics).contains("hikaricp_connections_timeout_total{pool=\"oncepay\"} 0.0");
    assertThat(metrics).contains("oncepay_admission_timeouts_total 0.0");
  }

  @Test
  void aRequestWaitingForTheGatewayLeavesItsSlotToAnother() throws Exception {
    // Twice the bound at the gateway at once: only possible when each gave its slot back.
    int atTheGateway = 8;
    sim().updateKnobs(sim().knobs().withSlowMs(3_000));
    List<String> orders = new ArrayList<>();
    for (int i = 0; i < atTheGateway; i++) {
      orders.add(api().createOrder("cart-" + UUID.randomUUID(), 100 + i));
    }
    List<CompletableFuture<Resp>> pays = new ArrayList<>();
    try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String order : orders) {
        pays.add(CompletableFuture.supplyAsync(() -> api().pay(order, "pm_slow"), clients));
      }
      Await.until(
          Duration.ofSeconds(10),
          atTheGateway + " payments at the gateway at once",
          () ->
              jdbc.sql("SELECT count(*) FROM payment_operations WHERE status = 'processing'")
                      .query(Long.class)
                      .single()
                  == atTheGateway);
      for (CompletableFuture<Resp> pay : pays) {
        assertThat(pay.get().status()).isEqualTo(201);
      }
    }
    assertThat(metrics()).contains("oncepay_admission_running 0.0");
  }
}
