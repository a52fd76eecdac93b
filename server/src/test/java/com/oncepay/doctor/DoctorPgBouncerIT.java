package com.oncepay.doctor;

import static com.oncepay.doctor.Finding.Status.FAIL;
import static com.oncepay.doctor.Finding.Status.OK;
import static com.oncepay.doctor.Finding.Status.WARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oncepay.testsupport.LocalPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PgBouncer checks through real PgBouncer processes of this test's own (Debian's pgbouncer
 * package), each on a free port with its own configuration, in front of this test's database on the
 * machine's PostgreSQL. Skipped where pgbouncer is not installed.
 */
class DoctorPgBouncerIT {

  private static final Path PGBOUNCER = Path.of("/usr/sbin/pgbouncer");
  private static String db;
  private static String closedTarget;
  private final List<Process> started = new ArrayList<>();

  @TempDir Path dir;

  @BeforeAll
  static void database() throws IOException {
    assertTrue(
        Files.isExecutable(PGBOUNCER), "pgbouncer is not installed (apt-get install pgbouncer)");
    db = DoctorDatabase.createMigrated();
    closedTarget = "http://127.0.0.1:" + DoctorPostgresIT.freePort();
  }

  @AfterAll
  static void drop() {
    DoctorDatabase.dropAll();
  }

  @AfterEach
  void stopPgBouncer() throws InterruptedException {
    for (Process p : started) {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  /** Starts a PgBouncer with these [pgbouncer] settings and returns its port. */
  private int pgbouncer(String... settings) throws Exception {
    int port = DoctorPostgresIT.freePort();
    Path home = Files.createTempDirectory(dir, "pgbouncer");
    Path users = home.resolve("users.txt");
    Files.writeString(users, "\"postgres\" \"\"\n");
    List<String> config =
        new ArrayList<>(
            List.of(
                "[databases]",
                "* = host=127.0.0.1 port=5432",
                "[pgbouncer]",
                "listen_addr = 127.0.0.1",
                "listen_port = " + port,
                "unix_socket_dir =",
                "auth_type = trust",
                "auth_file = " + users,
                "admin_users = postgres",
                "logfile = " + home.resolve("pgbouncer.log")));
    config.addAll(List.of(settings));
    Path ini = home.resolve("pgbouncer.ini");
    Files.write(ini, config);
    List<String> command = new ArrayList<>(List.of(PGBOUNCER.toString()));
    if ("root".equals(System.getProperty("user.name"))) {
      // PgBouncer refuses to run as root; -u drops to the postgres user, which must read the files.
      command.addAll(List.of("-u", "postgres"));
      for (Path p : List.of(dir, home, users, ini)) {
        p.toFile().setReadable(true, false);
        p.toFile().setExecutable(true, false);
      }
      home.toFile().setWritable(true, false);
    }
    command.add(ini.toString());
    started.add(
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("stdout.log").toFile())
            .start());
    DoctorPostgresIT.awaitTrue("pgbouncer listens on " + port, () -> LocalPorts.listening(port));
    return port;
  }

  private static DoctorRun doctor(String url) {
    return doctor(url, Map.of());
  }

  private static DoctorRun doctor(String url, Map<String, String> more) {
    Map<String, String> env =
        new java.util.HashMap<>(
            Map.of(
                "ONCEPAY_DB_URL",
                url,
                "ONCEPAY_DB_POOL_SIZE",
                "20",
                "ONCEPAY_WORKER_CONCURRENCY",
                "4"));
    env.putAll(more);
    return DoctorRun.json(env, "--target", closedTarget);
  }

  private static String through(int port, String query) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DoctorDatabase.name(db) + query;
  }

  @Test
  void transactionModeKeepsThePoolsTimeoutsPerTransactionAndItsSmallPoolWarns() throws Exception {
    int port =
        pgbouncer(
            "pool_mode = transaction",
            "default_pool_size = 5",
            "ignore_startup_parameters = extra_float_digits");
    DoctorRun run = doctor(through(port, ""));
    assertThat(run.get("database").status()).isEqualTo(OK);
    assertThat(run.get("pgbouncer").status()).isEqualTo(OK);
    assertThat(run.get("pgbouncer").finding()).startsWith("PgBouncer 1.");
    assertThat(run.get("pgbouncer-pool-mode").status()).isEqualTo(OK);
    assertThat(run.get("pgbouncer-pool-size").status()).isEqualTo(WARN);
    assertThat(run.get("pgbouncer-pool-size").finding()).contains("pool_size=5");
    assertThat(run.get("pgbouncer-prepared-statements").status()).isEqualTo(OK);
    assertThat(run.get("pgbouncer-prepared-statements").finding())
        .contains("turns pgjdbc's server-side prepared statements off");
    // Start-up options cannot pass this PgBouncer; the limits are SET LOCAL per transaction.
    Finding timeouts = run.get("pg-timeouts");
    assertThat(timeouts.status()).as(timeouts.toString()).isEqualTo(OK);
    assertThat(timeouts.finding()).contains("lock_timeout=2s");
  }

  @Test
  void statementModeATooSmallClientLimitAndForcedServerSidePreparesFail() throws Exception {
    int port =
        pgbouncer(
            "pool_mode = statement",
            "max_client_conn = 10",
            "ignore_startup_parameters = extra_float_digits");
    DoctorRun run = doctor(through(port, ""), Map.of("ONCEPAY_DB_PREPARED_STATEMENTS", "on"));
    assertThat(run.get("pgbouncer-pool-mode").status()).isEqualTo(FAIL);
    assertThat(run.get("pgbouncer-pool-size").status()).isEqualTo(FAIL);
    assertThat(run.get("pgbouncer-pool-size").finding()).contains("max_client_conn=10");
    Finding prepared = run.get("pgbouncer-prepared-statements");
    assertThat(prepared.status()).isEqualTo(FAIL);
    assertThat(prepared.fix()).contains("unset ONCEPAY_DB_PREPARED_STATEMENTS");
  }

  @Test
  void sessionModeWithFewerServerConnectionsThanThePoolFails() throws Exception {
    int port =
        pgbouncer(
            "pool_mode = session",
            "default_pool_size = 10",
            "ignore_startup_parameters = extra_float_digits");
    DoctorRun run = doctor(through(port, ""));
    assertThat(run.get("pgbouncer-pool-mode").status()).isEqualTo(OK);
    assertThat(run.get("pgbouncer-pool-size").status()).isEqualTo(FAIL);
    assertThat(run.get("pgbouncer-prepared-statements").status()).isEqualTo(OK);
  }
}
