package com.oncepay.sim;

import static com.oncepay.sim.SimHttp.chargeBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.sim.SimHttp.Answer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulator with a data directory survives its own restart as a real gateway does: the same
 * charges, the same answers to the same keys, pending charges still settle; and {@code kill -9} of
 * its process loses nothing it answered. Without a data directory a restart forgets everything,
 * which is what this test would find of a simulator that kept its state in memory only.
 */
class DurableSimulatorTest {

  @TempDir Path data;
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
  }

  private GatewaySimulator start(SimKnobs knobs) {
    var sim = GatewaySimulator.start(SimSettings.defaults().withKnobs(knobs).withDataDir(data));
    open.add(sim);
    return sim;
  }

  private SimHttp http(URI base) {
    var http = new SimHttp(base);
    open.add(http);
    return http;
  }

  @Test
  void restartKeepsTheLedgerAndReplaysEveryStoredAnswer() throws Exception {
    // pm_async stays pending across the restart: its settlement is due long after.
    var first = start(SimKnobs.defaults().withAsyncDelayMs(60_000));
    var api = http(first.baseUrl());
    String authorizeBody = chargeBody(1000, "pm_ok", false, "pay_1");
    Answer authorized = api.post("/v1/charges", "k-auth", authorizeBody);
    String charge = authorized.json().get("id").asString();
    Answer captured = api.post("/v1/charges/" + charge + "/capture", "k-cap", "{\"amount\":600}");
    Answer refunded = api.post("/v1/charges/" + charge + "/refunds", "k-ref", "{\"amount\":200}");
    Answer declined =
        api.post("/v1/charges", "k-dec", chargeBody(500, "pm_declined", true, "pay_2"));
    Answer pending = api.post("/v1/charges", "k-async", chargeBody(700, "pm_async", true, "pay_3"));
    assertThat(List.of(authorized.status(), captured.status(), refunded.status()))
        .containsExactly(201, 200, 201);
    assertThat(pending.status()).isEqualTo(202);
    List<LedgerEntry> before = first.ledger();
    first.close();

    var second = start(SimKnobs.defaults().withAsyncDelayMs(50));
    var again = http(second.baseUrl());
    assertThat(second.ledger()).isEqualTo(before);
    for (var replay :
        List.of(
            List.of("/v1/charges", "k-auth", authorizeBody, authorized),
            List.of("/v1/charges/" + charge + "/capture", "k-cap", "{\"amount\":600}", captured),
            List.of("/v1/charges/" + charge + "/refunds", "k-ref", "{\"amount\":200}", refunded),
            List.of(
                "/v1/charges", "k-dec", chargeBody(500, "pm_declined", true, "pay_2"), declined))) {
      Answer answer =
          again.post((String) replay.get(0), (String) replay.get(1), (String) replay.get(2));
      Answer original = (Answer) replay.get(3);
      assertThat(answer.replayed()).as("replay of %s", replay.get(1)).isTrue();
      assertThat(answer.status()).isEqualTo(original.status());
      assertThat(answer.body()).isEqualTo(original.body());
    }
    // The same key with another body is still a reuse, not a new charge.
    assertThat(
            again.post("/v1/charges", "k-auth", chargeBody(999, "pm_ok", false, "pay_1")).status())
        .isEqualTo(422);
    // A capture beyond what is left is refused by the restored state.
    assertThat(
            again
                .post("/v1/charges/" + charge + "/refunds", "k-ref-2", "{\"amount\":500}")
                .status())
        .isEqualTo(422);
    // The charge that was pending at the restart settles afterwards.
    String async = pending.json().get("id").asString();
    Await.until(
        Duration.ofSeconds(10),
        "the pending charge to settle after the restart",
        () -> again.get("/v1/charges/" + async).json().get("status").asString().equals("captured"));
    // New charges get new ids after the restored ones.
    Answer next = again.post("/v1/charges", "k-next", chargeBody(100, "pm_ok", true, "pay_4"));
    assertThat(next.status()).isEqualTo(201);
    assertThat(second.ledger()).hasSize(before.size() + 1);
    assertThat(second.ledger().getLast().charge().id()).isEqualTo(next.json().get("id").asString());
  }

  @Test
  void aResetForgetsOnDiskToo() {
    var first = start(SimKnobs.defaults());
    http(first.baseUrl()).post("/v1/charges", "k1", chargeBody(100, "pm_ok", true, "pay_1"));
    first.reset();
    first.close();
    assertThat(start(SimKnobs.defaults()).ledger()).isEmpty();
  }

  /** The real thing: the simulator as its own process, killed with SIGKILL, started again. */
  @Test
  void killNineLosesNothingThatWasAnswered() throws Exception {
    int port = freePort();
    URI base = URI.create("http://127.0.0.1:" + port);
    Process first = process(port);
    var api = http(base);
    List<String> keys = new ArrayList<>();
    List<Answer> answers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String key = "kill-" + UUID.randomUUID();
      keys.add(key);
      answers.add(api.post("/v1/charges", key, chargeBody(100 + i, "pm_ok", true, "pay_k" + i)));
    }
    String ledgerBefore = api.get("/sim/ledger").text();
    first.destroyForcibly();
    first.waitFor();

    process(port);
    var again = http(base);
    assertThat(again.get("/sim/ledger").text()).isEqualTo(ledgerBefore);
    for (int i = 0; i < keys.size(); i++) {
      Answer replay =
          again.post("/v1/charges", keys.get(i), chargeBody(100 + i, "pm_ok", true, "pay_k" + i));
      assertThat(replay.replayed()).isTrue();
      assertThat(replay.body()).isEqualTo(answers.get(i).body());
    }
  }

  @Test
  void outagesRefuseOrHangThenRecover() throws Exception {
    var sim = start(SimKnobs.defaults());
    var api = http(sim.baseUrl());
    assertThat(api.post("/sim/outage", null, "{\"mode\":\"hang\",\"seconds\":1}").status())
        .isEqualTo(200);
    long started = System.nanoTime();
    Answer hung = api.post("/v1/charges", "h1", chargeBody(100, "pm_ok", true, "pay_h"));
    assertThat(hung.status()).isEqualTo(503);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(500));
    assertThat(sim.ledger()).isEmpty();
    assertThat(api.post("/v1/charges", "h1", chargeBody(100, "pm_ok", true, "pay_h")).status())
        .isEqualTo(201);

    assertThat(api.post("/sim/outage", null, "{\"mode\":\"refuse\",\"seconds\":2}").status())
        .isEqualTo(200);
    Await.until(
        Duration.ofSeconds(5),
        "connections to be refused",
        () -> {
          try (var socket = new java.net.Socket("127.0.0.1", sim.baseUrl().getPort())) {
            return false;
          } catch (IOException refused) {
            return true;
          }
        });
    Await.until(
        Duration.ofSeconds(10),
        "the simulator to listen again",
        () -> {
          try {
            return http(sim.baseUrl()).get("/sim/knobs").status() == 200;
          } catch (RuntimeException notYet) {
            return false;
          }
        });
  }

  private Process process(int port) throws Exception {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                GatewaySimulatorMain.class.getName(),
                "--port",
                Integer.toString(port),
                "--data-dir",
                data.toString())
            .redirectErrorStream(true)
            .redirectOutput(data.resolve("sim-" + System.nanoTime() + ".log").toFile())
            .start();
    open.add(process::destroyForcibly);
    var probe = new SimHttp(URI.create("http://127.0.0.1:" + port));
    open.add(probe);
    Await.until(
        Duration.ofSeconds(30),
        "the simulator process to answer",
        () -> {
          try {
            return probe.get("/sim/knobs").status() == 200;
          } catch (RuntimeException notYet) {
            return false;
          }
        });
    return process;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
