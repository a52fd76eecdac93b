package com.oncepay.doctor;

import static com.oncepay.doctor.Finding.Status.FAIL;
import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Server-wide settings that must not be changed on the shared PostgreSQL: a server of the test's
 * own (zonky, as serve's embedded one) started with fsync off and room for only 20 connections.
 */
class DoctorEmbeddedPostgresIT {

  private static EmbeddedPostgres postgres;
  private static String closedTarget;

  @BeforeAll
  static void start() throws IOException {
    postgres =
        EmbeddedPostgres.builder()
            .setServerConfig("fsync", "off")
            .setServerConfig("max_connections", "20")
            .start();
    closedTarget = "http://127.0.0.1:" + DoctorPostgresIT.freePort();
  }

  @AfterAll
  static void stop() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void fsyncOffAndTooFewConnectionsFail() {
    DoctorRun run =
        DoctorRun.json(
            Map.of(
                "ONCEPAY_DB_URL",
                "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres",
                "ONCEPAY_DB_POOL_SIZE",
                "20"),
            "--target",
            closedTarget);
    Finding durability = run.get("pg-durability");
    assertThat(durability.status()).isEqualTo(FAIL);
    assertThat(durability.finding()).contains("fsync=off");
    Finding connections = run.get("pg-connections");
    assertThat(connections.status()).isEqualTo(FAIL);
    assertThat(connections.finding()).contains("= 22 connections of 17 available");
    assertThat(run.exitStatus()).isEqualTo(1);
  }
}
