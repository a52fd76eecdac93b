package com.oncepay.doctor;

import static com.oncepay.doctor.Finding.Status.FAIL;
import static com.oncepay.doctor.Finding.Status.OK;
import static com.oncepay.doctor.Finding.Status.WARN;
import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.testsupport.Await;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every PostgreSQL check and every check of oncepay's tables, each provoked on the machine's real
 * PostgreSQL in a database of this test's own: a per-database setting, a table option, rows, an
 * open transaction, a lock held against another session.
 */
class DoctorPostgresIT {

  private static String url;
  private static String closedTarget;

  @BeforeAll
  static void database() throws IOException {
    url = DoctorDatabase.createMigrated();
    closedTarget = "http://127.0.0.1:" + freePort();
  }

  @AfterAll
  static void drop() {
    DoctorDatabase.dropAll();
  }

  private static Map<String, String> env(String... more) {
    Map<String, String> env =
        DoctorRun.env(
            "ONCEPAY_DB_URL",
            url,
            "ONCEPAY_DB_USER",
            DoctorDatabase.USER,
            // A small pool, so the shared server's other clients do not make pg-connections WARN.
            "ONCEPAY_DB_POOL_SIZE",
            "5",
            "ONCEPAY_WORKER_CONCURRENCY",
            "2");
    env.putAll(DoctorRun.env(more));
    return env;
  }

  private static DoctorRun doctor(Map<String, String> env) {
    return DoctorRun.json(env, "--target", closedTarget);
  }

  @Test
  void aHealthyDatabasePassesEveryDatabaseCheck() {
    DoctorRun run = doctor(env());
    for (String name :
        new String[] {
          "settings",
          "lease-vs-gateway",
          "worker-vs-pool",
          "database",
          "pg-primary",
          "pg-durability",
          "pg-connections",
          "pg-timeouts",
          "pg-bloat",
          "pg-long-transactions",
          "pg-lock-waits",
          "pgbouncer",
          "redis",
          "rabbitmq",
          "clock-skew",
          "unknown-operations",
          "dead-jobs",
          "flagged-webhooks"
        }) {
      assertThat(run.get(name).status()).as(name + ": " + run.get(name)).isEqualTo(OK);
    }
    assertThat(run.get("pg-primary").finding()).contains("pg_is_in_recovery() = false");
    // This machine's shared server runs with autovacuum = off (which doctor rightly FAILs); the
    // tables' own options are clean. The all-OK case is DoctorServeIT's embedded server.
    assertThat(run.get("pg-autovacuum").finding()).doesNotContain("has autovacuum_enabled");
    assertThat(run.get("pgbouncer").finding()).startsWith("not in use");
    // No instance at the target: that alone FAILs, and so the run.
    assertThat(run.get("instance-health").status()).isEqualTo(FAIL);
    assertThat(run.exitStatus()).isEqualTo(1);
  }

  @Test
  void synchronousCommitOffOnTheDatabaseFails() {
    DoctorDatabase.admin(
        "ALTER DATABASE " + DoctorDatabase.name(url) + " SET synchronous_commit = off");
    try {
      Finding durability = doctor(env()).get("pg-durability");
      assertThat(durability.status()).isEqualTo(FAIL);
      assertThat(durability.finding()).contains("synchronous_commit=off");
      assertThat(durability.fix()).contains("synchronous_commit = on");
    } finally {
      DoctorDatabase.admin(
          "ALTER DATABASE " + DoctorDatabase.name(url) + " RESET synchronous_commit");
    }
  }

  @Test
  void aPoolTheServerCannotHoldFailsAndOneThatNearlyFillsItWarns() {
    int max = Integer.parseInt(query("SHOW max_connections"));
    int reserved = Integer.parseInt(query("SHOW superuser_reserved_connections"));
    int available = max - reserved;
    Finding over =
        doctor(env("ONCEPAY_DB_POOL_SIZE", String.valueOf(available))).get("pg-connections");
    assertThat(over.status()).isEqualTo(FAIL);
    assertThat(over.finding()).contains("= " + (available + 2) + " connections of " + available);
    Finding near =
        doctor(env("ONCEPAY_DB_POOL_SIZE", String.valueOf(available * 9 / 10 - 1)))
            .get("pg-connections");
    assertThat(near.status()).isEqualTo(WARN);
  }

  @Test
  void aZeroStatementTimeoutFails() {
    Finding timeouts = doctor(env("ONCEPAY_DB_STATEMENT_TIMEOUT", "0s")).get("pg-timeouts");
    assertThat(timeouts.status()).isEqualTo(FAIL);
    assertThat(timeouts.finding()).contains("statement_timeout is 0 (off)");
    assertThat(doctor(env()).get("pg-timeouts").finding())
        .contains("statement_timeout=5s, lock_timeout=2s");
  }

  @Test
  void autovacuumDisabledOnTheOutboxFails() {
    execute("ALTER TABLE outbox SET (autovacuum_enabled = false)");
    try {
      Finding autovacuum = doctor(env()).get("pg-autovacuum");
      assertThat(autovacuum.status()).isEqualTo(FAIL);
      assertThat(autovacuum.finding()).contains("outbox has autovacuum_enabled=false");
    } finally {
      execute("ALTER TABLE outbox RESET (autovacuum_enabled)");
    }
  }

  @Test
  void deadRowsInTheOutboxWarn() {
    // Autovacuum off on the table for the test, or it could clean up before doctor looks.
    execute(
        "ALTER TABLE outbox SET (autovacuum_enabled = false)",
        "INSERT INTO outbox (kind, ref, status, run_at, created_at)"
            + " SELECT 'webhook', gen_random_uuid(), 'done', now(), now()"
            + " FROM generate_series(1, 5000)",
        "DELETE FROM outbox");
    try {
      awaitTrue(
          "dead tuples counted",
          () ->
              Long.parseLong(
                      query("SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'outbox'"))
                  >= 5000);
      Finding bloat = doctor(env()).get("pg-bloat");
      assertThat(bloat.status()).isEqualTo(WARN);
      assertThat(bloat.finding()).contains("outbox").contains("(100% dead)");
    } finally {
      execute("ALTER TABLE outbox RESET (autovacuum_enabled)", "VACUUM outbox");
    }
  }

  @Test
  void aTransactionLeftOpenWarnsThenFails() throws Exception {
    try (Connection open = connect()) {
      open.setAutoCommit(false);
      open.createStatement().execute("SELECT txid_current()");
      Thresholds warnAfterOneSecond =
          Thresholds.DEFAULTS.withLongTransactions(Duration.ofSeconds(1), Duration.ofHours(1));
      awaitTrue(
          "transaction older than 1 s",
          () ->
              DoctorRun.json(env(), warnAfterOneSecond, "--target", closedTarget)
                      .get("pg-long-transactions")
                      .status()
                  == WARN);
      Finding fail =
          DoctorRun.json(
                  env(),
                  Thresholds.DEFAULTS.withLongTransactions(
                      Duration.ofMillis(100), Duration.ofSeconds(1)),
                  "--target",
                  closedTarget)
              .get("pg-long-transactions");
      assertThat(fail.status()).isEqualTo(FAIL);
      assertThat(fail.finding()).contains("pid " + pid(open));
      open.rollback();
    }
    assertThat(doctor(env()).get("pg-long-transactions").status()).isEqualTo(OK);
  }

  @Test
  void aSessionWaitingForALockWarns() throws Exception {
    try (Connection holder = connect();
        Connection waiter = connect()) {
      holder.setAutoCommit(false);
      holder.createStatement().execute("LOCK TABLE webhook_endpoints IN EXCLUSIVE MODE");
      int waiterPid = pid(waiter);
      CompletableFuture<Void> waiting =
          CompletableFuture.runAsync(
              () -> {
                try (Statement s = waiter.createStatement()) {
                  s.execute("SET lock_timeout = '30s'");
                  s.execute("BEGIN; LOCK TABLE webhook_endpoints IN SHARE MODE; ROLLBACK");
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      awaitTrue(
          "the waiter waits for the lock",
          () ->
              query(
                      "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid = "
                          + waiterPid)
                  .equals("1"));
      Finding waits = doctor(env()).get("pg-lock-waits");
      assertThat(waits.status()).isEqualTo(WARN);
      assertThat(waits.finding())
          .contains("pid " + waiterPid)
          .contains("blocked by pid(s) [" + pid(holder) + "]");
      holder.rollback();
      waiting.get();
    }
    assertThat(doctor(env()).get("pg-lock-waits").status()).isEqualTo(OK);
  }

  @Test
  void unresolvedGatewayOperationsWarnAfterAMinuteAndFailAfterAnHour() {
    String merchant = "'00000000-0000-0000-0000-00000000000a'";
    String order = "'00000000-0000-0000-0000-00000000000b'";
    String payment = "'00000000-0000-0000-0000-00000000000c'";
    execute(
        "INSERT INTO merchants VALUES (" + merchant + ", 'doctor', now())",
        "INSERT INTO orders (id, merchant_id, cart_id, amount, currency, status, created_at,"
            + " updated_at) VALUES ("
            + order
            + ", "
            + merchant
            + ", 'cart', 100, 'EUR', 'payment_processing', now(), now())",
        "INSERT INTO payments (id, merchant_id, order_id, status, payment_method, capture_method,"
            + " amount, currency, created_at, updated_at) VALUES ("
            + payment
            + ", "
            + merchant
            + ", "
            + order
            + ", 'unknown', 'pm_ok', 'automatic', 100, 'EUR', now(), now())");
    try {
      insertOperation(
          "op-recent", "unknown", merchant, payment, "now()", "now() - interval '2 minutes'");
      Finding recent = doctor(env()).get("unknown-operations");
      assertThat(recent.status()).isEqualTo(WARN);
      assertThat(recent.finding()).startsWith("1 gateway operation(s)");

      insertOperation(
          "op-old",
          "processing",
          merchant,
          payment,
          "now() - interval '2 hours'",
          "now() - interval '2 hours'");
      Finding old = doctor(env()).get("unknown-operations");
      assertThat(old.status()).isEqualTo(FAIL);
      assertThat(old.finding()).startsWith("2 gateway operation(s)");
    } finally {
      execute(
          "DELETE FROM payment_operations",
          "DELETE FROM payments",
          "DELETE FROM orders",
          "DELETE FROM merchants");
    }
  }

  @Test
  void deadJobsAndFlaggedWebhooksWarn() {
    execute(
        "INSERT INTO outbox (kind, ref, status, attempts, run_at, last_error, created_at)"
            + " VALUES ('webhook', gen_random_uuid(), 'dead', 20, now(), 'HTTP 500 from the"
            + " merchant', now())",
        "INSERT INTO gateway_events (gateway, event_id, type, outcome, note, payload,"
            + " received_at) VALUES ('sim', 'evt_doctor', 'charge.refunded', 'flagged',"
            + " 'contradiction', '{}', now())");
    try {
      DoctorRun run = doctor(env());
      assertThat(run.get("dead-jobs").status()).isEqualTo(WARN);
      assertThat(run.get("dead-jobs").finding())
          .startsWith("1 job(s)")
          .contains("HTTP 500 from the merchant");
      assertThat(run.get("flagged-webhooks").status()).isEqualTo(WARN);
      assertThat(run.get("flagged-webhooks").finding()).startsWith("1 gateway webhook(s)");
    } finally {
      execute("DELETE FROM outbox", "DELETE FROM gateway_events");
    }
  }

  private static void insertOperation(
      String key, String status, String merchant, String payment, String lease, String created) {
    execute(
        "INSERT INTO payment_operations (id, merchant_id, payment_id, kind, status, amount,"
            + " gateway_key, lease_until, created_at, updated_at) VALUES (gen_random_uuid(), "
            + merchant
            + ", "
            + payment
            + ", 'authorize', '"
            + status
            + "', 100, '"
            + key
            + "', "
            + lease
            + ", "
            + created
            + ", "
            + created
            + ")");
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(url, DoctorDatabase.USER, null);
  }

  private static int pid(Connection c) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void execute(String... sql) {
    DoctorDatabase.execute(url, sql);
  }

  private static String query(String sql) {
    try (Connection c = connect();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  static void awaitTrue(String what, BooleanSupplier condition) {
    awaitTrue(what, Duration.ofSeconds(30), condition);
  }

  /** Waits on a condition under a hard timeout. */
  static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
    Await.until(timeout, what, condition::getAsBoolean);
  }

  static int freePort() {
    return com.oncepay.testsupport.LocalPorts.free();
  }
}
