package com.oncepay.lab.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.lab.check.LedgerCharge;
import com.oncepay.sim.GatewaySimulator;
import com.oncepay.sim.SimSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real gateway simulator, started in-process. */
class SimulatorControlTest {

  private static GatewaySimulator sim;
  private static HttpClient http;

  @BeforeAll
  static void start() {
    sim = GatewaySimulator.start(SimSettings.defaults());
    http = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stop() {
    http.close();
    sim.close();
  }

  private static void charge(String key, String body) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/charges"))
                .header("Idempotency-Key", key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isIn(201, 402);
  }

  @Test
  void readsTheLedgerWithReferencesAmountsAndRefunds() throws Exception {
    charge(
        "lab-test-1",
        "{\"amount\":1500,\"currency\":\"EUR\",\"payment_method\":\"pm_ok\",\"capture\":true,"
            + "\"reference\":\"pay_lab_1\",\"order_reference\":\"ord_lab_1\"}");
    charge(
        "lab-test-2",
        "{\"amount\":700,\"currency\":\"EUR\",\"payment_method\":\"pm_declined\","
            + "\"reference\":\"pay_lab_2\",\"order_reference\":\"ord_lab_1\"}");
    SimulatorControl control =
        new SimulatorControl(URI.create(sim.baseUrl() + "/sim/ledger"), http, false);
    List<LedgerCharge> ledger = control.ledger();
    LedgerCharge ok =
        ledger.stream().filter(c -> "pay_lab_1".equals(c.reference())).findFirst().orElseThrow();
    assertThat(ok.orderReference()).isEqualTo("ord_lab_1");
    assertThat(ok.status()).isEqualTo("captured");
    assertThat(ok.amountCaptured()).isEqualTo(1500);
    assertThat(ok.live()).isTrue();
    assertThat(ok.idempotencyKey()).isEqualTo("lab-test-1");
    LedgerCharge declined =
        ledger.stream().filter(c -> "pay_lab_2".equals(c.reference())).findFirst().orElseThrow();
    assertThat(declined.live()).isFalse();
  }

  @Test
  void turnsKnobsOnlyOnASimulatorItStarted() {
    SimulatorControl shared = new SimulatorControl(sim.baseUrl(), http, false);
    shared.setKnobs("{\"slow_ms\":123}");
    assertThat(sim.knobs().slowMs()).isNotEqualTo(123);
    SimulatorControl owned = new SimulatorControl(URI.create(sim.baseUrl() + "/"), http, true);
    owned.setKnobs("{\"slow_ms\":123}");
    assertThat(sim.knobs().slowMs()).isEqualTo(123);
    sim.updateKnobs(sim.settings().initialKnobs());
  }

  @Test
  void acceptsTheBaseUrlOrTheLedgerUrl() {
    assertThat(SimulatorControl.baseOf(URI.create("http://127.0.0.1:8081/sim/ledger")))
        .isEqualTo(URI.create("http://127.0.0.1:8081"));
    assertThat(SimulatorControl.baseOf(URI.create("http://127.0.0.1:8081/")))
        .isEqualTo(URI.create("http://127.0.0.1:8081"));
  }
}
