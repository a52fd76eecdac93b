package com.oncepay.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.sim.ChargeStatus;
import com.oncepay.sim.GatewaySimulator;
import com.oncepay.sim.SimSettings;
import com.oncepay.testsupport.Api;
import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.Await;
import com.oncepay.testsupport.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: {@code serve} as its own process, a stream of async payments, {@code kill -9} in
 * the middle of it, a restart. Every accepted payment must end paid or failed within two minutes,
 * with exactly one gateway charge per paid order. The simulator runs in this JVM, so its ledger
 * survives the kill.
 */
class KillDuringAsyncStreamIT {

  private static final String KEY = "sk_test_kill_drill";
  private static final int ORDERS = 150;

  @TempDir Path home;
  private final List<Process> started = new ArrayList<>();
  private GatewaySimulator sim;

  @AfterEach
  void stopEverything() {
    started.forEach(Process::destroyForcibly);
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void everyAcceptedPaymentSettlesAfterAKillAndARestart() throws Exception {
    sim = GatewaySimulator.start(SimSettings.defaults());
    sim.updateKnobs(sim.knobs().withLatency(40, 20));
    String dbUrl = TestPostgres.createDatabase();
    int port = ServeProcess.freePort();
    Map<String, String> env =
        Map.of(
            "ONCEPAY_PORT",
            Integer.toString(port),
            "ONCEPAY_DB_URL",
            dbUrl,
            "ONCEPAY_DB_USER",
            TestPostgres.user(),
            "ONCEPAY_GATEWAY_URL",
            sim.baseUrl().toString(),
            "ONCEPAY_BOOTSTRAP_API_KEY",
            KEY,
            "ONCEPAY_HOME",
            home.toString(),
            "ONCEPAY_GATEWAY_READ_TIMEOUT",
            "2s",
            "ONCEPAY_GATEWAY_LEASE_MARGIN",
            "1s",
            "ONCEPAY_WORKER_LEASE",
            "3s",
            "ONCEPAY_WORKER_RECOVERY_INTERVAL",
            "1s");
    Api api = new Api(URI.create("http://127.0.0.1:" + port), KEY);

    Process first = serve(env, api);
    List<String> orders = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      orders.add(api.createOrder("cart-" + UUID.randomUUID(), 100 + i));
    }

    Set<String> accepted = ConcurrentHashMap.newKeySet();
    Set<String> unanswered = ConcurrentHashMap.newKeySet();
    AtomicInteger sent = new AtomicInteger();
    try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
      for (String order : orders) {
        clients.submit(
            () -> {
              sent.incrementAndGet();
              try {
                Resp r = pay(api, order);
                if (r.status() == 202) {
                  accepted.add(order);
                } else {
                  unanswered.add(order);
                }
              } catch (IllegalStateException connectionLost) {
                unanswered.add(order);
              }
            });
      }
      Await.until(
          Duration.ofSeconds(60), "a third of the stream sent", () -> sent.get() >= ORDERS / 3);
      // kill -9: no shutdown hook, no graceful stop, jobs claimed and calls in flight abandoned.
      first.destroyForcibly();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      clients.shutdown();
      assertThat(clients.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(accepted).isNotEmpty();
    assertThat(unanswered).isNotEmpty();

    serve(env, api);
    // A well-behaved client retries what got no answer with the same key.
    for (String order : unanswered) {
      assertThat(pay(api, order).status()).isEqualTo(202);
      accepted.add(order);
    }

    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    Map<String, String> finalStatus =
        Await.until(
            Duration.ofNanos(deadline - System.nanoTime()),
            "every accepted payment to settle",
            () -> statuses(api, accepted),
            statuses ->
                statuses.values().stream()
                    .allMatch(s -> s.equals("paid") || s.equals("payment_failed")));

    Map<String, Long> charges =
        sim.ledger().stream()
            .filter(e -> e.charge().status() != ChargeStatus.DECLINED)
            .collect(
                Collectors.groupingBy(e -> e.charge().orderReference(), Collectors.counting()));
    for (String order : accepted) {
      long expected = finalStatus.get(order).equals("paid") ? 1 : 0;
      assertThat(charges.getOrDefault(order, 0L)).as("charges for " + order).isEqualTo(expected);
    }
    System.out.printf(
        "kill drill: %d accepted before the kill, %d retried after, all settled%n",
        accepted.size() - unanswered.size(), unanswered.size());
  }

  private static Resp pay(Api api, String order) {
    return api.post(
        "/v1/orders/" + order + "/payments",
        "pay-" + order,
        "{\"payment_method\":\"pm_ok\",\"async\":true}");
  }

  private static Map<String, String> statuses(Api api, Set<String> orders) {
    return orders.stream()
        .collect(
            Collectors.toMap(
                order -> order,
                order -> api.get("/v1/orders/" + order).json().get("status").asString()));
  }

  private Process serve(Map<String, String> env, Api api) throws IOException {
    Process process =
        ServeProcess.start(env, api, home.resolve("serve-" + started.size() + ".log"));
    started.add(process);
    return process;
  }
}
