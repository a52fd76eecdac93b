package com.oncepay.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.testsupport.Api;
import com.oncepay.testsupport.Await;
import com.oncepay.testsupport.TestPostgres;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zero-configuration gateway of {@code ./oncepay serve}: with no ONCEPAY_GATEWAY_URL the app
 * starts the simulator in-process, the service reaches it over HTTP through its adapter, and the
 * simulator's signed webhooks come back to the service, so an async payment settles by itself.
 */
class InProcessSimulatorIT {

  private static final String KEY = "sk_test_in_process";

  @TempDir Path home;
  private Process server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.destroyForcibly();
    }
  }

  @Test
  void servePaysThroughTheSimulatorItStarted() throws Exception {
    int port = ServeProcess.freePort();
    Map<String, String> env =
        Map.of(
            "ONCEPAY_PORT", Integer.toString(port),
            "ONCEPAY_DB_URL", TestPostgres.createDatabase(),
            "ONCEPAY_DB_USER", TestPostgres.user(),
            "ONCEPAY_BOOTSTRAP_API_KEY", KEY,
            "ONCEPAY_HOME", home.toString());
    Api api = new Api(URI.create("http://127.0.0.1:" + port), KEY);
    server = ServeProcess.start(env, api, home.resolve("serve.log"));

    String paid = api.createOrder("cart-" + UUID.randomUUID(), 1200);
    var sync =
        api.post(
            "/v1/orders/" + paid + "/payments", "pay-" + paid, "{\"payment_method\":\"pm_ok\"}");
    assertThat(sync.status()).as(sync.toString()).isEqualTo(201);
    assertThat(sync.json().get("status").asString()).isEqualTo("captured");

    // pm_async is settled only by the simulator's webhook to this server.
    String async = api.createOrder("cart-" + UUID.randomUUID(), 1300);
    var pending =
        api.post(
            "/v1/orders/" + async + "/payments",
            "pay-" + async,
            "{\"payment_method\":\"pm_async\"}");
    assertThat(pending.status()).as(pending.toString()).isEqualTo(202);
    Await.until(
        Duration.ofSeconds(30),
        "the webhook to settle the async payment",
        () -> api.get("/v1/orders/" + async).json().get("status").asString().equals("paid"));
  }
}
