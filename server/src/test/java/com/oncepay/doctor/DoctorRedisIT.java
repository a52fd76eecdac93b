package com.oncepay.doctor;

import static com.oncepay.doctor.Finding.Status.FAIL;
import static com.oncepay.doctor.Finding.Status.OK;
import static com.oncepay.doctor.Finding.Status.WARN;
import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.testsupport.LocalPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Redis checks against real redis-server processes of this test's own, each on a free port with
 * the settings under test, stopped by their process handle. The machine's Redis on 6379 is never
 * touched.
 */
class DoctorRedisIT {

  private static String db;
  private static String closedTarget;
  private final List<Process> started = new ArrayList<>();

  @TempDir Path dir;

  @BeforeAll
  static void database() throws IOException {
    db = DoctorDatabase.createMigrated();
    closedTarget = "http://127.0.0.1:" + DoctorPostgresIT.freePort();
  }

  @AfterAll
  static void drop() {
    DoctorDatabase.dropAll();
  }

  @org.junit.jupiter.api.AfterEach
  void stopRedis() throws InterruptedException {
    for (Process p : started) {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  private int redis(String... settings) throws Exception {
    int port = DoctorPostgresIT.freePort();
    List<String> command =
        new ArrayList<>(
            List.of(
                "redis-server",
                "--port",
                String.valueOf(port),
                "--bind",
                "127.0.0.1",
                "--daemonize",
                "no",
                "--dir",
                Files.createTempDirectory(dir, "redis").toString()));
    command.addAll(List.of(settings));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis-" + port + ".log").toFile())
            .start();
    started.add(process);
    DoctorPostgresIT.awaitTrue("redis-server listens on " + port, () -> LocalPorts.listening(port));
    return port;
  }

  private static DoctorRun doctor(String redisUrl) {
    return DoctorRun.json(
        Map.of("ONCEPAY_DB_URL", db, "ONCEPAY_DB_POOL_SIZE", "5", "ONCEPAY_REDIS_URL", redisUrl),
        "--target",
        closedTarget);
  }

  @Test
  void anEvictingRedisFailsAndOneWithoutPersistenceWarns() throws Exception {
    int port = redis("--maxmemory-policy", "allkeys-lru", "--save", "", "--appendonly", "no");
    DoctorRun run = doctor("redis://127.0.0.1:" + port);
    assertThat(run.get("redis").status()).isEqualTo(OK);
    assertThat(run.get("redis").finding()).contains("answers PING at 127.0.0.1:" + port);
    assertThat(run.get("redis-eviction").status()).isEqualTo(FAIL);
    assertThat(run.get("redis-eviction").finding()).contains("maxmemory-policy=allkeys-lru");
    assertThat(run.get("redis-persistence").status()).isEqualTo(WARN);
    assertThat(run.get("redis-persistence").finding()).contains("keeps nothing on disk");
  }

  @Test
  void snapshotsOnlyWarnWithTheirWindow() throws Exception {
    int port = redis("--maxmemory-policy", "noeviction", "--save", "60 1", "--appendonly", "no");
    Finding persistence = doctor("redis://127.0.0.1:" + port).get("redis-persistence");
    assertThat(persistence.status()).isEqualTo(WARN);
    assertThat(persistence.finding()).contains("save=\"60 1\"").contains("since the last snapshot");
  }

  @Test
  void aNoEvictionAppendOnlyRedisPasses() throws Exception {
    int port = redis("--maxmemory-policy", "noeviction", "--appendonly", "yes");
    DoctorRun run = doctor("redis://127.0.0.1:" + port);
    assertThat(run.get("redis-eviction").status()).isEqualTo(OK);
    assertThat(run.get("redis-persistence").status()).isEqualTo(OK);
  }

  @Test
  void anUnreachableRedisFails() throws Exception {
    int port = DoctorPostgresIT.freePort();
    DoctorRun run = doctor("redis://127.0.0.1:" + port);
    assertThat(run.get("redis").status()).isEqualTo(FAIL);
    assertThat(run.get("redis").finding()).contains("127.0.0.1:" + port);
    assertThat(run.findings()).doesNotContainKey("redis-eviction");
  }
}
