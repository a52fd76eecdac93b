package com.oncepay.doctor;

import static com.oncepay.doctor.Finding.Status.FAIL;
import static com.oncepay.doctor.Finding.Status.OK;
import static com.oncepay.doctor.Finding.Status.WARN;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The decision rules on their own: every boundary between OK, WARN and FAIL. */
class DoctorRulesTest {

  @Test
  void aReplicaFails() {
    assertThat(PostgresRules.primary(true).status()).isEqualTo(FAIL);
    assertThat(PostgresRules.primary(false).status()).isEqualTo(OK);
  }

  @Test
  void everyCommitLevelThatFlushesLocallyIsDurable() {
    for (String level : List.of("on", "local", "remote_write", "remote_apply")) {
      assertThat(PostgresRules.durability("on", level).status()).as(level).isEqualTo(OK);
    }
    assertThat(PostgresRules.durability("on", "off").status()).isEqualTo(FAIL);
    assertThat(PostgresRules.durability("off", "on").status()).isEqualTo(FAIL);
  }

  @Test
  void connectionsCountEveryInstancesPoolAndListener() {
    // 97 available: 4 x 21 = 84 is over 80 %, 5 x 21 = 105 is over the limit.
    assertThat(PostgresRules.connections(100, 3, 20, 3, 0, 0.8).status()).isEqualTo(OK);
    assertThat(PostgresRules.connections(100, 3, 20, 4, 0, 0.8).status()).isEqualTo(WARN);
    assertThat(PostgresRules.connections(100, 3, 20, 5, 0, 0.8).status()).isEqualTo(FAIL);
    // Room for oncepay, but not beside what else is connected now.
    assertThat(PostgresRules.connections(100, 3, 20, 3, 40, 0.8).status()).isEqualTo(WARN);
  }

  @Test
  void timeoutsMustBeInForce() {
    var applied = new PostgresRules.Timeout("statement_timeout", 5000, 5000);
    var dropped = new PostgresRules.Timeout("lock_timeout", 2000, 0);
    var overridden = new PostgresRules.Timeout("lock_timeout", 2000, 1000);
    assertThat(PostgresRules.sessionTimeouts(List.of(applied)).status()).isEqualTo(OK);
    assertThat(PostgresRules.sessionTimeouts(List.of(applied, dropped)).status()).isEqualTo(FAIL);
    assertThat(PostgresRules.sessionTimeouts(List.of(applied, overridden)).status())
        .isEqualTo(WARN);
  }

  @Test
  void autovacuumOffAnywhereFails() {
    Map<String, List<String>> clean =
        Map.of("outbox", List.of("fillfactor=70"), "idempotency_keys", List.of());
    assertThat(PostgresRules.autovacuum("on", "on", clean).status()).isEqualTo(OK);
    assertThat(PostgresRules.autovacuum("off", "on", clean).status()).isEqualTo(FAIL);
    assertThat(PostgresRules.autovacuum("on", "off", clean).status()).isEqualTo(FAIL);
    assertThat(
            PostgresRules.autovacuum(
                    "on",
                    "on",
                    Map.of(
                        "outbox",
                        List.of(),
                        "idempotency_keys",
                        List.of("toast.autovacuum_enabled=false")))
                .status())
        .isEqualTo(FAIL);
    assertThat(PostgresRules.autovacuum("on", "on", Map.of("outbox", List.of())).status())
        .isEqualTo(WARN);
  }

  @Test
  void bloatWarnsOnlyPastBothThresholds() {
    var few = new PostgresRules.TableStats("outbox", 0, 999, 0);
    var many = new PostgresRules.TableStats("outbox", 100_000, 1_000, 0);
    var bloated = new PostgresRules.TableStats("outbox", 3_000, 1_000, 0);
    assertThat(PostgresRules.bloat(List.of(few, many), 1000, 0.2).status()).isEqualTo(OK);
    assertThat(PostgresRules.bloat(List.of(bloated), 1000, 0.2).status()).isEqualTo(WARN);
  }

  @Test
  void longTransactionsWarnThenFail() {
    Duration warn = Duration.ofSeconds(30);
    Duration fail = Duration.ofMinutes(5);
    var young = new PostgresRules.OpenTransaction(1, "oncepay", "active", Duration.ofSeconds(29));
    var old =
        new PostgresRules.OpenTransaction(2, "psql", "idle in transaction", Duration.ofSeconds(31));
    var ancient =
        new PostgresRules.OpenTransaction(3, "", "idle in transaction", Duration.ofMinutes(6));
    assertThat(PostgresRules.longTransactions(List.of(young), warn, fail).status()).isEqualTo(OK);
    assertThat(PostgresRules.longTransactions(List.of(young, old), warn, fail).status())
        .isEqualTo(WARN);
    Finding worst = PostgresRules.longTransactions(List.of(old, ancient), warn, fail);
    assertThat(worst.status()).isEqualTo(FAIL);
    assertThat(worst.finding()).contains("pid 3");
  }

  @Test
  void anyLockWaitWarns() {
    assertThat(PostgresRules.lockWaits(List.of()).status()).isEqualTo(OK);
    Finding waits =
        PostgresRules.lockWaits(
            List.of(new PostgresRules.LockWait(7, "oncepay", Duration.ofMillis(300), List.of(9))));
    assertThat(waits.status()).isEqualTo(WARN);
    assertThat(waits.fix()).contains("pid IN (9)");
  }

  @Test
  void theLeaseMustOutlastEveryGatewayTry() {
    var gateway = gateway(Duration.ofSeconds(10), 3);
    assertThat(OncepayRules.leaseCoversGatewayCall(gateway, lease(Duration.ofSeconds(31))).status())
        .isEqualTo(OK);
    assertThat(OncepayRules.leaseCoversGatewayCall(gateway, lease(Duration.ofSeconds(30))).status())
        .isEqualTo(FAIL);
  }

  @Test
  void aWorkerThatCanHoldThePoolWarns() {
    assertThat(OncepayRules.workerVersusPool(worker(17), db(20)).status()).isEqualTo(OK);
    assertThat(OncepayRules.workerVersusPool(worker(18), db(20)).status()).isEqualTo(WARN);
  }

  @Test
  void healthAndHeap() {
    assertThat(OncepayRules.health(200, "UP").status()).isEqualTo(OK);
    assertThat(OncepayRules.health(503, "DOWN").status()).isEqualTo(FAIL);
    long mib = 1024 * 1024;
    assertThat(OncepayRules.heap(256 * mib, 256 * mib).status()).isEqualTo(OK);
    assertThat(OncepayRules.heap(255 * mib, 256 * mib).status()).isEqualTo(WARN);
  }

  @Test
  void clockSkewWarnsOverOneSecondAndFailsOverFive() {
    Duration warn = Duration.ofSeconds(1);
    Duration fail = Duration.ofSeconds(5);
    assertThat(skew(Duration.ofMillis(900), Duration.ZERO, warn, fail)).isEqualTo(OK);
    assertThat(skew(Duration.ofMillis(1500), Duration.ZERO, warn, fail)).isEqualTo(WARN);
    assertThat(skew(Duration.ZERO, Duration.ofSeconds(-6), warn, fail)).isEqualTo(FAIL);
    // Each within a second of us, but 1.8 s apart from each other.
    assertThat(skew(Duration.ofMillis(900), Duration.ofMillis(-900), warn, fail)).isEqualTo(WARN);
  }

  @Test
  void aDateHeaderTruncatedToTheSecondIsNoSkew() {
    Instant sent = Instant.parse("2026-12-01T10:00:00.900Z");
    Instant received = Instant.parse("2026-12-01T10:00:01.100Z");
    assertThat(
            InstanceProbe.skewOfSecondClock(Instant.parse("2026-12-01T10:00:00Z"), sent, received))
        .isZero();
    assertThat(
            InstanceProbe.skewOfSecondClock(Instant.parse("2026-12-01T10:00:05Z"), sent, received))
        .isEqualTo(Duration.ofMillis(3900));
    assertThat(
            InstanceProbe.skewOfSecondClock(Instant.parse("2026-12-01T09:59:57Z"), sent, received))
        .isEqualTo(Duration.ofMillis(-2900));
  }

  @Test
  void unresolvedOperationsWarnThenFailByAgeOrCount() {
    Duration warn = Duration.ofSeconds(60);
    Duration fail = Duration.ofHours(1);
    assertThat(OncepayRules.unsettledOperations(0, Duration.ZERO, warn, fail, 100).status())
        .isEqualTo(OK);
    assertThat(OncepayRules.unsettledOperations(3, Duration.ofMinutes(5), warn, fail, 100).status())
        .isEqualTo(WARN);
    assertThat(OncepayRules.unsettledOperations(1, Duration.ofHours(2), warn, fail, 100).status())
        .isEqualTo(FAIL);
    assertThat(
            OncepayRules.unsettledOperations(100, Duration.ofMinutes(2), warn, fail, 100).status())
        .isEqualTo(FAIL);
  }

  @Test
  void deadJobsAndFlaggedWebhooksWarnWithTheirCount() {
    assertThat(OncepayRules.deadJobs(0, null).status()).isEqualTo(OK);
    assertThat(OncepayRules.deadJobs(2, "boom").finding()).startsWith("2 job(s)");
    assertThat(OncepayRules.flaggedWebhooks(0, Duration.ofDays(7)).status()).isEqualTo(OK);
    assertThat(OncepayRules.flaggedWebhooks(4, Duration.ofDays(7)).status()).isEqualTo(WARN);
  }

  @Test
  void pgBouncerModesAndSizes() {
    assertThat(PgBouncerRules.poolMode("session").status()).isEqualTo(OK);
    assertThat(PgBouncerRules.poolMode("transaction").status()).isEqualTo(OK);
    assertThat(PgBouncerRules.poolMode("statement").status()).isEqualTo(FAIL);
    assertThat(PgBouncerRules.poolSize("transaction", 42, 20, 20, 100).status()).isEqualTo(OK);
    assertThat(PgBouncerRules.poolSize("transaction", 42, 20, 19, 100).status()).isEqualTo(WARN);
    assertThat(PgBouncerRules.poolSize("transaction", 42, 20, 20, 41).status()).isEqualTo(FAIL);
    assertThat(PgBouncerRules.poolSize("session", 42, 20, 41, 100).status()).isEqualTo(FAIL);
    assertThat(PgBouncerRules.poolSize("session", 42, 20, 42, 100).status()).isEqualTo(OK);
  }

  @Test
  void preparedStatementsNeedTrackingOrNoServerSidePrepares() {
    String v = "PgBouncer 1.18.0";
    assertThat(PgBouncerRules.preparedStatements("session", v, OptionalInt.empty(), false).status())
        .isEqualTo(OK);
    assertThat(
            PgBouncerRules.preparedStatements("transaction", v, OptionalInt.empty(), false)
                .status())
        .isEqualTo(FAIL);
    assertThat(
            PgBouncerRules.preparedStatements("transaction", v, OptionalInt.of(0), false).status())
        .isEqualTo(FAIL);
    assertThat(
            PgBouncerRules.preparedStatements("transaction", v, OptionalInt.of(200), false)
                .status())
        .isEqualTo(OK);
    assertThat(
            PgBouncerRules.preparedStatements("transaction", v, OptionalInt.empty(), true).status())
        .isEqualTo(OK);
  }

  @Test
  void redisMustNotEvictAndShouldPersist() {
    assertThat(RedisRules.evictionPolicy("noeviction").status()).isEqualTo(OK);
    assertThat(RedisRules.evictionPolicy("volatile-lru").status()).isEqualTo(FAIL);
    assertThat(RedisRules.persistence("", "no").status()).isEqualTo(WARN);
    assertThat(RedisRules.persistence("3600 1", "no").status()).isEqualTo(WARN);
    assertThat(RedisRules.persistence("", "yes").status()).isEqualTo(OK);
  }

  private static Finding.Status skew(Duration db, Duration instance, Duration warn, Duration fail) {
    return OncepayRules.clockSkew(Optional.of(db), Optional.of(instance), warn, fail).status();
  }

  private static com.oncepay.config.OncepayProperties.Gateway gateway(Duration read, int tries) {
    return new com.oncepay.config.OncepayProperties.Gateway(
        null,
        Duration.ofSeconds(2),
        read,
        tries,
        List.of("s"),
        Duration.ofMinutes(5),
        Duration.ofSeconds(10));
  }

  private static com.oncepay.config.OncepayProperties.Idempotency lease(Duration lease) {
    return new com.oncepay.config.OncepayProperties.Idempotency(
        Duration.ofHours(24), lease, Duration.ofSeconds(60));
  }

  private static com.oncepay.config.OncepayProperties.Worker worker(int concurrency) {
    var retry =
        new com.oncepay.config.OncepayProperties.Retry(
            Duration.ofSeconds(1), 2, Duration.ofSeconds(30), 40);
    return new com.oncepay.config.OncepayProperties.Worker(
        true,
        concurrency,
        Duration.ofSeconds(30),
        Duration.ofSeconds(1),
        Duration.ofSeconds(10),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        retry,
        Duration.ofSeconds(10),
        retry);
  }

  private static com.oncepay.config.OncepayProperties.Db db(int pool) {
    return new com.oncepay.config.OncepayProperties.Db(
        "jdbc:postgresql://127.0.0.1/x",
        null,
        com.oncepay.config.OncepayProperties.PreparedStatements.AUTO,
        "postgres",
        null,
        pool,
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        Duration.ofSeconds(2));
  }
}
