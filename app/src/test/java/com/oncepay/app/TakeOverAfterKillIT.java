package com.oncepay.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.sim.ChargeStatus;
import com.oncepay.sim.GatewaySimulator;
import com.oncepay.sim.SimSettings;
import com.oncepay.testsupport.Api;
import com.oncepay.testsupport.Await;
import com.oncepay.testsupport.TestPostgres;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one database, every setting at its default. Instance A is killed with SIGKILL
 * while its gateway calls are in flight; instance B notices A's heartbeats stop and resolves every
 * payment A had accepted, re-sending each with the same gateway key, well inside the 15 s target
 * and long before the operations' own leases (40 s by default) would have run out. Exactly one
 * charge per order.
 */
class TakeOverAfterKillIT {

  private static final String KEY = "sk_test_take_over";
  private static final int ORDERS = 16;
  private static final Duration TARGET = Duration.ofSeconds(15);

  @TempDir Path home;
  private final List<Process> started = new ArrayList<>();
  private GatewaySimulator sim;

  @AfterEach
  void stop() {
    started.forEach(Process::destroyForcibly);
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void aSurvivorResolvesTheDeadInstancesPaymentsWithinFifteenSeconds() throws Exception {
    sim = GatewaySimulator.start(SimSettings.defaults());
    // pm_slow: the gateway takes 3 s, so every call is in flight when A dies.
    sim.updateKnobs(sim.knobs().withSlowMs(3_000));
    String db = TestPostgres.createDatabase();
    Api a = serve("a", db);
    Api b = serve("b", db);
    List<String> orders = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      orders.add(a.createOrder("cart-" + UUID.randomUUID(), 100 + i));
    }
    Process instanceA = started.getFirst();
    try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String order : orders) {
        clients.submit(
            () -> {
              try {
                a.post(
                    "/v1/orders/" + order + "/payments",
                    "pay-" + order,
                    "{\"payment_method\":\"pm_slow\"}");
              } catch (RuntimeException connectionLost) {
                // A dies mid-call: the client never hears back.
              }
            });
      }
      Await.until(
          Duration.ofSeconds(20),
          "every payment to be in flight at A",
          () -> inFlight(b, orders) == ORDERS);
      long killedAt = System.nanoTime();
      instanceA.destroyForcibly();
      assertThat(instanceA.waitFor(10, TimeUnit.SECONDS)).isTrue();

      Map<String, String> settled =
          Await.until(
              TARGET,
              "B to resolve every payment A accepted",
              () -> statuses(b, orders),
              statuses -> statuses.values().stream().allMatch(s -> s.equals("paid")));
      Duration took = Duration.ofNanos(System.nanoTime() - killedAt);
      System.out.printf(
          "all %d payments of the killed instance paid %d ms after the kill%n",
          settled.size(), took.toMillis());
      clients.shutdownNow();
    }
    Map<String, Long> charges =
        sim.ledger().stream()
            .filter(e -> e.charge().status() != ChargeStatus.DECLINED)
            .collect(
                Collectors.groupingBy(e -> e.charge().orderReference(), Collectors.counting()));
    for (String order : orders) {
      assertThat(charges.getOrDefault(order, 0L)).as("charges for " + order).isEqualTo(1);
    }
  }

  private long inFlight(Api api, List<String> orders) {
    return statuses(api, orders).values().stream()
        .filter(s -> s.equals("payment_processing"))
        .count();
  }

  private static Map<String, String> statuses(Api api, List<String> orders) {
    Map<String, String> statuses = new HashMap<>();
    for (String order : orders) {
      statuses.put(order, api.get("/v1/orders/" + order).json().get("status").asString());
    }
    return statuses;
  }

  private Api serve(String name, String db) throws Exception {
    int port = ServeProcess.freePort();
    Map<String, String> env =
        ServeProcess.instanceEnv(port, db, sim.baseUrl(), KEY, home.resolve(name));
    Api api = new Api(URI.create("http://127.0.0.1:" + port), KEY);
    started.add(ServeProcess.start(env, api, home.resolve("serve-" + name + ".log")));
    return api;
  }
}
