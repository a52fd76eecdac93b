package com.oncepay.lab.spawn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oncepay.lab.load.LabConnectionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files and numbers the topology writes and derives, without starting anything. */
class SpawnConfigTest {

  @TempDir Path dir;

  @Test
  void thePgBouncerWrapperHoldsTheSiteAndIncludesTheTuningLastInItsSection() {
    String ini =
        SpawnedPgBouncer.wrapper(dir, 7001, 7000, Path.of("/repo/deploy/pgbouncer/pgbouncer.ini"));
    List<String> lines = ini.lines().filter(l -> !l.startsWith(";")).toList();

    assertThat(lines).contains("oncepay = host=127.0.0.1 port=7000 dbname=oncepay");
    assertThat(lines).contains("listen_port = 7001", "auth_type = trust");
    // One [pgbouncer] header only: PgBouncer 1.18 resets the section at a second one.
    assertThat(lines.stream().filter(l -> l.equals("[pgbouncer]"))).hasSize(1);
    assertThat(lines.getLast()).isEqualTo("%include /repo/deploy/pgbouncer/pgbouncer.ini");
    assertThat(lines.indexOf("[pgbouncer]")).isGreaterThan(lines.indexOf("[databases]"));
    // No tuning key of the deploy file is repeated by the site's part.
    assertThat(ini).doesNotContain("pool_mode", "default_pool_size", "ignore_startup_parameters");
  }

  @Test
  void aRunDirectoryIsPrivateAndItsNameHoldsNoCardLengthDigitRun() throws Exception {
    // The service logs paths under it; Files.createTempDirectory's 19-digit suffix looked like a
    // card number to the lab's log scan (LogSecretsIT) in about one run in ten.
    for (int i = 0; i < 200; i++) {
      Path run = Dirs.createRunDir();
      try {
        String name = run.getFileName().toString();
        assertThat(name).matches("oncepay-race-[0-9a-f]{12}").doesNotContainPattern("\\d{13}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run)))
            .isEqualTo("rwx------");
      } finally {
        Files.delete(run);
      }
    }
  }

  @Test
  void theHaproxyBackendNamesOneServerPerInstance() {
    assertThat(SpawnedHaproxy.backend(List.of(9001, 9002)))
        .contains("backend oncepay\n  server i1 127.0.0.1:9001\n  server i2 127.0.0.1:9002\n");
  }

  @Test
  void haproxysConnectionLimitIsLoweredOnlyWhereTheFileLimitIsTooLow() {
    assertThat(SpawnedHaproxy.maxconnFor(20_000)).hasValue(9_950);
    assertThat(SpawnedHaproxy.maxconnFor(1_048_576)).isEmpty();
    assertThat(SpawnedHaproxy.maxconnFor(-1)).isEmpty();
  }

  @Test
  void requestsByInstanceCountApiRoutesNotTheBalancersHealthChecks() {
    String exposition =
        String.join(
            "\n",
            "# TYPE oncepay_http_requests_seconds histogram",
            "oncepay_http_requests_seconds_bucket{method=\"POST\",outcome=\"2xx\","
                + "route=\"/v1/orders\",le=\"0.005\"} 7",
            "oncepay_http_requests_seconds_count{method=\"POST\",outcome=\"2xx\","
                + "route=\"/v1/orders\"} 12",
            "oncepay_http_requests_seconds_count{method=\"POST\",outcome=\"2xx\","
                + "route=\"/v1/orders/{orderId}/payments\"} 3.0",
            "oncepay_http_requests_seconds_sum{method=\"POST\",outcome=\"2xx\","
                + "route=\"/v1/orders\"} 0.5",
            "# the balancer's health checks are Boot's, not the API's",
            "http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\","
                + "uri=\"/actuator/health/readiness\"} 400");
    assertThat(Topology.apiRequests(exposition)).isEqualTo(15);
  }

  @Test
  void postgresGetsEachInstancesPoolAndListenAndAMargin() {
    assertThat(Topology.maxConnections(3, 20)).isEqualTo(3 * 23 + 10);
    assertThat(Topology.maxConnections(1, 20)).isEqualTo(33);
  }

  @Test
  void theNewestInstalledPostgresqlIsUsed() throws Exception {
    for (String version : List.of("13", "15", "9.6")) {
      Path bin = Files.createDirectories(dir.resolve(version).resolve("bin"));
      for (String tool : List.of("initdb", "pg_ctl")) {
        Files.createFile(bin.resolve(tool)).toFile().setExecutable(true);
      }
    }
    Files.createDirectories(dir.resolve("16/bin")); // no programs: not an installation
    assertThat(Binaries.postgresBin(dir)).isEqualTo(dir.resolve("15/bin"));
  }

  @Test
  void aMissingProgramNamesTheDebianPackage() {
    assertThatThrownBy(() -> Binaries.postgresBin(dir.resolve("none")))
        .isInstanceOf(LabConnectionException.class)
        .hasMessageContaining("apt-get install postgresql")
        .hasMessageContaining("installs nothing");
    assertThatThrownBy(() -> Binaries.program("no-such-balancer-here", "haproxy"))
        .hasMessageContaining("apt-get install haproxy");
  }
}
