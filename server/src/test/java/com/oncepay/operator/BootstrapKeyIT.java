package com.oncepay.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.sim.GatewaySimulator;
import com.oncepay.sim.SimSettings;
import com.oncepay.testsupport.SecondInstance;
import com.oncepay.testsupport.TestPostgres;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * ONCEPAY_BOOTSTRAP_API_KEY changed between two starts on one database: the bootstrap merchant's
 * key is replaced (the old one revoked, both audited), no second merchant appears, a revoked key
 * named again stays revoked, and neither key is ever printed.
 */
@ExtendWith(OutputCaptureExtension.class)
class BootstrapKeyIT {

  private static GatewaySimulator simulator;
  private static String database;
  private static JdbcClient jdbc;

  @BeforeAll
  static void start() {
    simulator = GatewaySimulator.start(SimSettings.defaults());
    database = TestPostgres.createDatabase();
    jdbc = JdbcClient.create(new DriverManagerDataSource(database, TestPostgres.user(), null));
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  private static SecondInstance startWith(String key) {
    return SecondInstance.start(
        database, simulator.baseUrl(), Map.of("oncepay.bootstrap-api-key", key));
  }

  @Test
  void aChangedBootstrapKeyReplacesTheOldOneAndNeverAddsAMerchant(CapturedOutput output) {
    String first = "sk_test_bootstrap_first_" + UUID.randomUUID();
    String second = "sk_test_bootstrap_second_" + UUID.randomUUID();
    try (SecondInstance one = startWith(first)) {
      assertThat(one.api(first).get("/v1/events").status()).isEqualTo(200);
    }
    try (SecondInstance two = startWith(second)) {
      assertThat(two.api(second).get("/v1/events").status()).isEqualTo(200);
      assertThat(two.api(first).get("/v1/events").status()).as("the replaced key").isEqualTo(401);
    }
    assertThat(jdbc.sql("SELECT count(*) FROM merchants").query(Long.class).single()).isEqualTo(1);
    List<String> actions =
        jdbc.sql("SELECT action || ' by ' || actor FROM audit_log ORDER BY id")
            .query(String.class)
            .list();
    assertThat(actions)
        .containsExactly(
            "merchant.created by bootstrap",
            "api_key.issued by bootstrap",
            "api_key.issued by bootstrap",
            "api_key.revoked by bootstrap");

    // Naming the revoked key again does not bring it back, nor make a merchant.
    try (SecondInstance three = startWith(first)) {
      assertThat(three.api(first).get("/v1/events").status()).isEqualTo(401);
      assertThat(three.api(second).get("/v1/events").status()).isEqualTo(200);
    }
    assertThat(jdbc.sql("SELECT count(*) FROM merchants").query(Long.class).single()).isEqualTo(1);
    assertThat(output.getAll()).doesNotContain(first).doesNotContain(second);
    assertThat(output.getAll()).contains("replaces the bootstrap merchant's previous key");
  }

  @Test
  void instancesStartingAtOnceWithANewKeyMakeOneMerchant() throws Exception {
    String fresh = TestPostgres.createDatabase();
    // Migrated first: two Flyways creating the history table at once is Flyway's race, not ours.
    Flyway.configure()
        .dataSource(fresh, TestPostgres.user(), null)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    String key = "sk_test_bootstrap_together_" + UUID.randomUUID();
    var started = new java.util.concurrent.CopyOnWriteArrayList<SecondInstance>();
    var starts = new java.util.ArrayList<java.util.concurrent.Future<?>>();
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 2; i++) {
        starts.add(
            pool.submit(
                () ->
                    started.add(
                        SecondInstance.start(
                            fresh,
                            simulator.baseUrl(),
                            Map.of("oncepay.bootstrap-api-key", key)))));
      }
    }
    for (var start : starts) {
      start.get();
    }
    try {
      assertThat(started).hasSize(2);
      var db = JdbcClient.create(new DriverManagerDataSource(fresh, TestPostgres.user(), null));
      assertThat(db.sql("SELECT count(*) FROM merchants").query(Long.class).single()).isEqualTo(1);
      assertThat(db.sql("SELECT count(*) FROM api_keys").query(Long.class).single()).isEqualTo(1);
    } finally {
      started.forEach(SecondInstance::close);
    }
  }
}
