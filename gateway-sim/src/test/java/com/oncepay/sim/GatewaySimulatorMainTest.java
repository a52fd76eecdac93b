package com.oncepay.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewaySimulatorMainTest {

  @Test
  void defaults() {
    var options = GatewaySimulatorMain.parse(new String[0], Map.of());

    assertThat(options.settings().host()).isEqualTo("127.0.0.1");
    assertThat(options.settings().port()).isEqualTo(8081);
    assertThat(options.settings().webhookUrl()).isNull();
    assertThat(options.settings().webhookSecret()).isEqualTo(SimSettings.DEV_WEBHOOK_SECRET);
    assertThat(options.devSecret()).isTrue();
    assertThat(options.settings().initialKnobs()).isEqualTo(SimKnobs.defaults());
  }

  @Test
  void everyFlag() {
    var options =
        GatewaySimulatorMain.parse(
            new String[] {
              "--port",
              "9000",
              "--host=0.0.0.0",
              "--webhook-url",
              "http://127.0.0.1:8080/v1/webhooks/sim",
              "--webhook-secret",
              "s3cret",
              "--latency-mean-ms",
              "40",
              "--latency-jitter-ms",
              "10"
            },
            Map.of(GatewaySimulatorMain.SECRET_ENV, "from-env"));

    assertThat(options.settings())
        .isEqualTo(
            new SimSettings(
                "0.0.0.0",
                9000,
                URI.create("http://127.0.0.1:8080/v1/webhooks/sim"),
                "s3cret",
                SimKnobs.defaults().withLatency(40, 10)));
    assertThat(options.devSecret()).isFalse();
  }

  @Test
  void secretFromTheEnvironment() {
    var options =
        GatewaySimulatorMain.parse(
            new String[] {"--port", "0"}, Map.of(GatewaySimulatorMain.SECRET_ENV, "from-env"));

    assertThat(options.settings().webhookSecret()).isEqualTo("from-env");
    assertThat(options.devSecret()).isFalse();
  }

  @Test
  void usageErrors() {
    assertThatThrownBy(() -> GatewaySimulatorMain.parse(new String[] {"--port"}, Map.of()))
        .hasMessageContaining("--port needs a value");
    assertThatThrownBy(() -> GatewaySimulatorMain.parse(new String[] {"--port", "x"}, Map.of()))
        .hasMessageContaining("--port");
    assertThatThrownBy(() -> GatewaySimulatorMain.parse(new String[] {"--port", "70000"}, Map.of()))
        .hasMessageContaining("--port");
    assertThatThrownBy(() -> GatewaySimulatorMain.parse(new String[] {"--bogus"}, Map.of()))
        .hasMessageContaining("unknown option --bogus");
    assertThatThrownBy(() -> GatewaySimulatorMain.parse(new String[] {"8081"}, Map.of()))
        .hasMessageContaining("unexpected argument 8081");
    assertThatThrownBy(
            () -> GatewaySimulatorMain.parse(new String[] {"--webhook-url", "nope"}, Map.of()))
        .hasMessageContaining("--webhook-url");
  }

  @Test
  void bannerNamesTheUrl() {
    var options = GatewaySimulatorMain.parse(new String[] {"--port", "0"}, Map.of());
    var out = new ByteArrayOutputStream();

    try (var sim = GatewaySimulator.start(options.settings())) {
      GatewaySimulatorMain.printBanner(
          new PrintStream(out, true, StandardCharsets.UTF_8), sim, options);

      assertThat(out.toString(StandardCharsets.UTF_8))
          .startsWith("gateway simulator listening on " + sim.baseUrl() + "\n");
    }
  }
}
