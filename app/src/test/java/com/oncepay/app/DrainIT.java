package com.oncepay.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.sim.GatewaySimulator;
import com.oncepay.sim.SimSettings;
import com.oncepay.testsupport.Api;
import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.Await;
import com.oncepay.testsupport.TestPostgres;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graceful stop (SIGTERM, as systemd or a deploy script sends it) as a balancer sees it: the
 * readiness check goes down at once, the instance keeps serving for the drain delay so the balancer
 * can take it out of rotation, a payment in flight at the gateway is finished and answered, and
 * only then does the process exit.
 */
class DrainIT {

  private static final String KEY = "sk_test_drain";

  @TempDir Path home;
  private Process server;
  private GatewaySimulator sim;

  @AfterEach
  void stop() {
    if (server != null) {
      server.destroyForcibly();
    }
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void notReadyAtOnceStillServingWhileDrainingInFlightWorkFinishedThenExit() throws Exception {
    sim = GatewaySimulator.start(SimSettings.defaults());
    sim.updateKnobs(sim.knobs().withSlowMs(4_000));
    int port = ServeProcess.freePort();
    Api api = new Api(URI.create("http://127.0.0.1:" + port), KEY);
    server =
        ServeProcess.start(
            Map.of(
                "ONCEPAY_PORT", Integer.toString(port),
                "ONCEPAY_DB_URL", TestPostgres.createDatabase(),
                "ONCEPAY_DB_USER", TestPostgres.user(),
                "ONCEPAY_GATEWAY_URL", sim.baseUrl().toString(),
                "ONCEPAY_BOOTSTRAP_API_KEY", KEY,
                "ONCEPAY_DRAIN_DELAY", "3s",
                "ONCEPAY_HOME", home.toString()),
            api,
            home.resolve("serve.log"));
    assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
    String order = api.createOrder("cart-" + UUID.randomUUID(), 990);
    CompletableFuture<Resp> inFlight =
        CompletableFuture.supplyAsync(
            () ->
                api.post(
                    "/v1/orders/" + order + "/payments",
                    "pay-" + order,
                    "{\"payment_method\":\"pm_slow\"}"));
    Await.until(
        Duration.ofSeconds(5),
        "the payment to be at the gateway",
        () ->
            api.get("/v1/orders/" + order)
                .json()
                .get("status")
                .asString()
                .equals("payment_processing"));

    long stopAt = System.nanoTime();
    server.destroy(); // SIGTERM
    Await.until(
        Duration.ofSeconds(1),
        "readiness to go down",
        () -> api.get("/actuator/health/readiness").status() == 503);
    // Still serving while the balancer takes it out: a request sent now is answered.
    assertThat(api.get("/v1/orders/" + order).status()).isEqualTo(200);

    Resp paid = inFlight.get(15, TimeUnit.SECONDS);
    assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
    assertThat(paid.json().get("status").asString()).isEqualTo("captured");
    assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("the process exits").isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - stopAt))
        .as("not before the drain delay")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
  }
}
