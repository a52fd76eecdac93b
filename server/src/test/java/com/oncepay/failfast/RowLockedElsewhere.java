package com.oncepay.failfast;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.persistence.DatabaseRoute;
import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.Await;
import com.oncepay.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * Fail fast, never hang and never 500: a pay on an order whose row another session holds locked
 * answers 503 with Retry-After within {@code lock_timeout} + 1 s; a pay whose connection is cut
 * while it waits answers 503 with Retry-After too; and in both cases the retry with the same
 * Idempotency-Key, once the row is free, ends with exactly one charge. Run for every strategy by
 * the subclasses, connected directly and through PgBouncer in transaction mode (where the limits
 * cannot be session settings).
 */
@TestPropertySource(properties = "oncepay.db.lock-timeout=1s")
abstract class RowLockedElsewhere extends ApiTestBase {

  private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(1);

  /** The lock holder and observer connect directly, whichever way the service goes. */
  @Value("${oncepay.test.db-direct}")
  String dbUrl;

  @Value("${oncepay.db.url}")
  String serviceUrl;

  @Autowired DatabaseRoute route;

  @Test
  void theServiceKnowsWhetherAPoolerIsInBetween() {
    assertThat(route.pooled()).isEqualTo(!serviceUrl.equals(dbUrl));
  }

  @Test
  void aPayOnALockedRowAnswers503WithinTheLockTimeoutAndTheRetryChargesOnce() throws Exception {
    String order = api().createOrder("cart-" + UUID.randomUUID(), 1500);
    String key = "pay-" + order;
    try (Connection holder = lockOrderRow(order)) {
      long started = System.nanoTime();
      Resp busy = pay(order, key);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(busy.status()).as(busy.toString()).isEqualTo(503);
      assertThat(busy.errorCode()).isEqualTo("service_unavailable");
      assertThat(busy.retryAfter()).isNotNull();
      assertThat(took).isLessThan(LOCK_TIMEOUT.plusSeconds(1));
      holder.rollback();
    }
    Resp retried = pay(order, key);
    assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
    assertThat(charges(order)).isEqualTo(1);
  }

  @Test
  void aConnectionCutWhileWaitingAnswers503AndTheRetryChargesOnce() throws Exception {
    String order = api().createOrder("cart-" + UUID.randomUUID(), 1700);
    String key = "pay-" + order;
    Resp cut;
    try (Connection holder = lockOrderRow(order)) {
      CompletableFuture<Resp> waiting = CompletableFuture.supplyAsync(() -> pay(order, key));
      // The service's session now waits on the row lock: end it from the outside, as a failover
      // or a pooler restart would.
      awaitLockWaiter(holder);
      try (var terminate =
          holder
              .createStatement()
              .executeQuery(
                  "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                      + " WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
                      + " AND datname = current_database()")) {
        assertThat(terminate.next()).isTrue();
      }
      cut = waiting.get(10, TimeUnit.SECONDS);
      holder.rollback();
    }
    assertThat(cut.status()).as(cut.toString()).isEqualTo(503);
    assertThat(cut.retryAfter()).isNotNull();
    Resp retried = pay(order, key);
    assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
    assertThat(charges(order)).isEqualTo(1);
  }

  private Resp pay(String order, String key) {
    return api().post("/v1/orders/" + order + "/payments", key, "{\"payment_method\":\"pm_ok\"}");
  }

  /** Another session's transaction holding the order's row lock (and the payment rows'). */
  private Connection lockOrderRow(String order) throws Exception {
    Connection c = DriverManager.getConnection(dbUrl, TestPostgres.user(), null);
    c.setAutoCommit(false);
    try (var lock = c.prepareStatement("SELECT 1 FROM orders WHERE id = ?::uuid FOR UPDATE")) {
      lock.setString(1, order.substring("ord_".length()));
      try (var rs = lock.executeQuery()) {
        assertThat(rs.next()).isTrue();
      }
    }
    return c;
  }

  private static void awaitLockWaiter(Connection observer) {
    Await.until(
        Duration.ofSeconds(5),
        "the pay request to wait on the row lock",
        () -> {
          try (var rs =
              observer
                  .createStatement()
                  .executeQuery(
                      "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                          + " AND datname = current_database()")) {
            rs.next();
            return rs.getLong(1) > 0;
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private long charges(String order) {
    return sim().ledger().stream()
        .filter(e -> order.equals(e.charge().orderReference()))
        .filter(e -> e.charge().status() != com.oncepay.sim.ChargeStatus.DECLINED)
        .count();
  }
}
