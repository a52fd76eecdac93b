package com.oncepay.doctor;

import static com.oncepay.doctor.Finding.Status.FAIL;
import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.config.OncepayProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings bound as serve binds them, the configuration-only checks, and the command line. */
class DoctorSettingsTest {

  @TempDir Path home;

  @Test
  void bindsServesDefaultsIncludingApplicationYml() {
    Settings settings = Settings.bind(Map.of());
    OncepayProperties p = settings.properties().orElseThrow();
    assertThat(p.db().poolSize()).isEqualTo(20);
    assertThat(p.db().embedded()).isTrue();
    assertThat(p.idempotency().lease()).isEqualTo(Duration.ofSeconds(60));
    // From application.yml, not the record's own default of 1s.
    assertThat(p.worker().webhookRetry().initial()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.port()).isEqualTo(8080);
  }

  @Test
  void bindsRelaxedEnvironmentNames() {
    Settings settings =
        Settings.bind(
            Map.of(
                "ONCEPAY_DB_POOL_SIZE", "7",
                "ONCEPAY_GATEWAY_READ_TIMEOUT", "3s",
                "ONCEPAY_WORKER_OPERATION_RETRY_MAX_ATTEMPTS", "5",
                "ONCEPAY_GATEWAY_WEBHOOK_SECRETS", "a,b",
                "ONCEPAY_PORT", "9191"));
    OncepayProperties p = settings.properties().orElseThrow();
    assertThat(p.db().poolSize()).isEqualTo(7);
    assertThat(p.gateway().readTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(p.worker().operationRetry().maxAttempts()).isEqualTo(5);
    assertThat(p.gateway().webhookSecrets()).isEqualTo(List.of("a", "b"));
    assertThat(settings.port()).isEqualTo(9191);
  }

  @Test
  void aLeaseShorterThanTheGatewayCallFailsTwiceWithTheReason() {
    DoctorRun run = DoctorRun.json(Map.of("ONCEPAY_IDEMPOTENCY_LEASE", "5s"));
    assertThat(run.get("settings").status()).isEqualTo(FAIL);
    assertThat(run.get("settings").finding()).contains("oncepay.idempotency.lease");
    Finding lease = run.get("lease-vs-gateway");
    assertThat(lease.status()).isEqualTo(FAIL);
    assertThat(lease.finding()).contains("lease 5s vs gateway read-timeout 10s x 3 attempts = 30s");
    assertThat(lease.fix()).contains("ONCEPAY_IDEMPOTENCY_LEASE above 30s");
    // Nothing else is checked with settings serve refuses.
    assertThat(run.findings()).hasSize(2);
    assertThat(run.exitStatus()).isEqualTo(1);
    assertThat(run.ok()).isFalse();
  }

  @Test
  void aValueThatDoesNotConvertIsNamed() {
    Finding settings = DoctorRun.json(Map.of("ONCEPAY_DB_POOL_SIZE", "many")).get("settings");
    assertThat(settings.status()).isEqualTo(FAIL);
    assertThat(settings.finding()).contains("many");
  }

  @Test
  void theEmbeddedDatabaseIsFoundByLineFourOfItsPidFile() throws Exception {
    Path pid = home.resolve("postmaster.pid");
    Files.writeString(pid, "4242\n/data\n1796119466\n54321\n/tmp\nlocalhost\n");
    assertThat(DatabaseTarget.embeddedPort(pid)).isEqualTo(54321);
    Files.writeString(pid, "4242\n/data\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DatabaseTarget.embeddedPort(pid))
        .isInstanceOf(DatabaseTarget.NotFound.class)
        .hasMessageContaining("line 4");
  }

  @Test
  void jdbcUrlsAreTakenApartForPsql() {
    JdbcAddress a =
        JdbcAddress.parse(
            "jdbc:postgresql://db1:6432,db2/shop?user=pay&password=p%40ss&sslmode=require",
            "postgres", null);
    assertThat(a).isEqualTo(new JdbcAddress("db1", 6432, "shop", "pay", "p@ss"));
    assertThat(JdbcAddress.parse("jdbc:postgresql://[::1]/x", "u", "pw"))
        .isEqualTo(new JdbcAddress("::1", 5432, "x", "u", "pw"));
    assertThat(PgBouncerConsole.rows("key\u001fvalue\nmax_client_conn\u001f100\n"))
        .containsExactly(Map.of("key", "max_client_conn", "value", "100"));
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(DoctorRun.raw(Map.of(), Thresholds.DEFAULTS, "--bogus").exitStatus()).isEqualTo(2);
    DoctorRun badTarget = DoctorRun.raw(Map.of(), Thresholds.DEFAULTS, "--target", "ftp://x");
    assertThat(badTarget.exitStatus()).isEqualTo(2);
    assertThat(badTarget.err()).contains("--target ftp://x");
    assertThat(DoctorRun.raw(Map.of(), Thresholds.DEFAULTS, "--help").exitStatus()).isZero();
  }

  @Test
  void theTableShowsEveryFindingAndTheCounts() {
    Report report =
        new Report(
            List.of(
                Finding.ok("settings", "fine"),
                Finding.warn("worker-vs-pool", "a ".repeat(50) + "end", "shrink it"),
                Finding.fail("pg-durability", "off", "turn it on")));
    var bytes = new java.io.ByteArrayOutputStream();
    report.printTable(new java.io.PrintStream(bytes, true));
    String table = bytes.toString();
    assertThat(table)
        .contains("OK     settings")
        .contains("WARN   worker-vs-pool")
        .contains("FAIL   pg-durability")
        .contains("end")
        .contains("3 checks: 1 OK, 1 WARN, 1 FAIL");
    assertThat(report.ok()).isFalse();
    bytes.reset();
    report.printJson(new java.io.PrintStream(bytes, true));
    assertThat(bytes.toString())
        .contains("\"checks\"")
        .contains("\"name\" : \"pg-durability\"")
        .contains("\"ok\" : false");
  }
}
