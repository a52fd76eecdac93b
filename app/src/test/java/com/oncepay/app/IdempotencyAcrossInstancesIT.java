package com.oncepay.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.sim.ChargeStatus;
import com.oncepay.sim.GatewaySimulator;
import com.oncepay.sim.SimSettings;
import com.oncepay.testsupport.Api;
import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.Await;
import com.oncepay.testsupport.TestPgBouncer;
import com.oncepay.testsupport.TestPostgres;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One Idempotency-Key, two real server processes sharing a database through PgBouncer (transaction
 * mode, LISTEN direct), as behind a balancer that spreads a client's retries. While instance A runs
 * the request, the same key at instance B answers 409 idempotency_key_in_use with Retry-After. Once
 * A is killed, B notices A's heartbeats stop, resumes A's gateway operation with the same gateway
 * key and completes the Idempotency-Key with its answer, so the client's retry at B gets that
 * answer within seconds — not after the key's 60 s lease — and there is one charge. (With
 * ONCEPAY_LIVENESS_DEAD_AFTER=120s, i.e. without the takeover, the retry still gets 409 when this
 * test gives up.)
 */
class IdempotencyAcrossInstancesIT {

  private static final String KEY = "sk_test_across_instances";
  private static final String PAY = "{\"payment_method\":\"pm_slow\"}";

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
  void theKeyIsInUseAtTheOtherInstanceThenResumedThereAfterTheFirstDies() throws Exception {
    sim = GatewaySimulator.start(SimSettings.defaults());
    sim.updateKnobs(sim.knobs().withSlowMs(6_000));
    String direct = TestPostgres.createDatabase();
    String pooled = TestPgBouncer.route(direct);
    Api a = serve("a", pooled, direct);
    Api b = serve("b", pooled, direct);
    String order = a.createOrder("cart-" + UUID.randomUUID(), 4200);
    String path = "/v1/orders/" + order + "/payments";
    String key = "pay-" + order;

    CompletableFuture<Resp> first =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return a.post(path, key, PAY);
              } catch (RuntimeException connectionLost) {
                return null; // A is killed mid-call: the client never hears back.
              }
            });
    Await.until(
        Duration.ofSeconds(10),
        "A to be calling the gateway",
        () ->
            b.get("/v1/orders/" + order)
                .json()
                .get("status")
                .asString()
                .equals("payment_processing"));

    Resp inUse = b.post(path, key, PAY);
    assertThat(inUse.status()).as(inUse.toString()).isEqualTo(409);
    assertThat(inUse.errorCode()).isEqualTo("idempotency_key_in_use");
    assertThat(inUse.retryAfter()).isNotNull();

    Process instanceA = started.getFirst();
    instanceA.destroyForcibly();
    assertThat(instanceA.waitFor(10, TimeUnit.SECONDS)).isTrue();
    long killedAt = System.nanoTime();
    assertThat(first.get(10, TimeUnit.SECONDS)).isNull();

    // The client retries as a shop does: same key, same body, after each Retry-After.
    Resp retried =
        Await.until(
            Duration.ofSeconds(20),
            "the retry at B to be answered",
            () -> b.post(path, key, PAY),
            r -> {
              boolean pending = r.status() == 409 || r.status() == 503;
              if (pending) {
                assertThat(r.errorCode()).isIn("idempotency_key_in_use", "service_unavailable");
              }
              return !pending;
            });
    Duration took = Duration.ofNanos(System.nanoTime() - killedAt);
    System.out.printf("the retry at B was answered %d ms after A's kill%n", took.toMillis());
    assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
    assertThat(took).isLessThan(Duration.ofSeconds(20));

    String payment = retried.json().get("id").asString();
    assertThat(b.get("/v1/payments/" + payment).json().get("status").asString())
        .isEqualTo("captured");
    long charges =
        sim.ledger().stream()
            .filter(e -> order.equals(e.charge().orderReference()))
            .filter(e -> e.charge().status() != ChargeStatus.DECLINED)
            .count();
    assertThat(charges).isEqualTo(1);
    // Replays from now on, on any instance.
    Resp replay = b.post(path, key, PAY);
    assertThat(replay.replayed()).isTrue();
    assertThat(replay.body()).isEqualTo(retried.body());
  }

  private Api serve(String name, String db, String listen) throws Exception {
    int port = ServeProcess.freePort();
    Map<String, String> env =
        ServeProcess.instanceEnv(port, db, sim.baseUrl(), KEY, home.resolve(name));
    env.put("ONCEPAY_DB_LISTEN_URL", listen);
    Api api = new Api(URI.create("http://127.0.0.1:" + port), KEY);
    started.add(ServeProcess.start(env, api, home.resolve("serve-" + name + ".log")));
    return api;
  }
}
