package com.oncepay.doctor;

import static com.oncepay.doctor.Finding.Status.FAIL;
import static com.oncepay.doctor.Finding.Status.OK;
import static com.oncepay.doctor.Finding.Status.WARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncepay.app.Oncepay;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Doctor against a real {@code oncepay serve} in a process of its own: all OK against the
 * zero-configuration serve (embedded PostgreSQL found through its pid file), a small heap and a
 * clock ten seconds fast (libfaketime) provoked on a second one, and a stopped instance.
 */
class DoctorServeIT {

  private static final Path FAKETIME =
      Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1");

  @TempDir Path home;
  private Process serve;

  @AfterAll
  static void drop() {
    DoctorDatabase.dropAll();
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (serve != null && serve.isAlive()) {
      serve.destroy();
      if (!serve.waitFor(60, TimeUnit.SECONDS)) {
        serve.destroyForcibly();
      }
    }
  }

  /** Starts serve with these variables (and -Xmx, if given) and waits until it is healthy. */
  private int startServe(Map<String, String> variables, List<String> jvmOptions) throws Exception {
    int port = DoctorPostgresIT.freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), Oncepay.class.getName(), "serve"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("serve.log").toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("ONCEPAY_"));
    builder.environment().putAll(variables);
    builder.environment().put("ONCEPAY_PORT", String.valueOf(port));
    serve = builder.start();
    HttpClient http = HttpClient.newHttpClient();
    DoctorPostgresIT.awaitTrue(
        "serve answers on " + port,
        Duration.ofSeconds(180),
        () -> {
          if (!serve.isAlive()) {
            throw new AssertionError("serve exited: " + log());
          }
          try {
            return http.send(
                        HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                            .build(),
                        HttpResponse.BodyHandlers.discarding())
                    .statusCode()
                == 200;
          } catch (Exception e) {
            return false;
          }
        });
    return port;
  }

  private String log() {
    try {
      return Files.readString(home.resolve("serve.log"));
    } catch (Exception e) {
      return e.toString();
    }
  }

  @Test
  void aZeroConfigurationServePassesEveryCheckAndAStoppedOneFails() throws Exception {
    // Every setting at its default.
    Map<String, String> env = DoctorRun.env("ONCEPAY_HOME", home.resolve(".oncepay").toString());
    int port = startServe(env, List.of());
    env.put("ONCEPAY_PORT", String.valueOf(port));

    DoctorRun healthy = DoctorRun.json(env);
    assertThat(healthy.notOk()).isEmpty();
    assertThat(healthy.exitStatus()).isZero();
    assertThat(healthy.ok()).isTrue();
    assertThat(healthy.get("database").finding()).contains("embedded server of ./oncepay serve");
    assertThat(healthy.get("instance-health").finding()).contains("status UP");
    assertThat(healthy.findings()).containsKeys("instance-heap", "clock-skew");

    // A queue that could take the whole pool is a WARN.
    Map<String, String> greedy = new java.util.HashMap<>(env);
    greedy.put("ONCEPAY_WORKER_CONCURRENCY", "32");
    DoctorRun tooMany = DoctorRun.json(greedy);
    assertThat(tooMany.notOk()).extracting(Finding::name).containsExactly("worker-vs-pool");
    assertThat(tooMany.get("worker-vs-pool").status()).isEqualTo(WARN);
    assertThat(tooMany.exitStatus()).isZero();

    DoctorRun table = DoctorRun.raw(env, Thresholds.DEFAULTS);
    assertThat(table.out()).contains("OK     pg-durability").contains("0 WARN, 0 FAIL");

    serve.destroy();
    assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
    DoctorRun stopped = DoctorRun.json(env);
    assertThat(stopped.get("instance-health").status()).isEqualTo(FAIL);
    assertThat(stopped.get("database").status()).isEqualTo(FAIL);
    assertThat(stopped.get("database").finding()).contains("postmaster.pid");
    assertThat(stopped.exitStatus()).isEqualTo(1);
  }

  @Test
  void aSmallHeapWarnsAndAClockTenSecondsFastFails() throws Exception {
    assertTrue(Files.exists(FAKETIME), "libfaketime is not installed (apt-get install faketime)");
    String db = DoctorDatabase.createMigrated();
    Map<String, String> env =
        DoctorRun.env(
            "ONCEPAY_DB_URL",
            db,
            "ONCEPAY_DB_POOL_SIZE",
            "5",
            "ONCEPAY_WORKER_CONCURRENCY",
            "2",
            // serve keeps its operator token there, and doctor reads it to see the metrics.
            "ONCEPAY_HOME",
            home.resolve(".oncepay").toString());
    Map<String, String> serveEnv = new java.util.HashMap<>(env);
    serveEnv.put("LD_PRELOAD", FAKETIME.toString());
    serveEnv.put("FAKETIME", "+10s");
    // Only the wall clock: a JVM whose monotonic clock jumps can hang.
    serveEnv.put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
    int port = startServe(serveEnv, List.of("-Xmx200m"));
    env.put("ONCEPAY_PORT", String.valueOf(port));

    DoctorRun run = DoctorRun.json(env);
    Finding heap = run.get("instance-heap");
    assertThat(heap.status()).isEqualTo(WARN);
    assertThat(heap.finding()).contains("under 256 MiB");
    Finding skew = run.get("clock-skew");
    assertThat(skew.status()).isEqualTo(FAIL);
    assertThat(skew.finding()).contains("instance +");
    assertThat(run.get("instance-health").status()).isEqualTo(OK);
  }
}
