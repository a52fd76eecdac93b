package com.oncepay.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.Await;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Saturation as the meters see it, provoked for real on PostgreSQL: a row lock held past {@code
 * lock_timeout} under the pessimistic strategy, and a pool with every connection taken. Each must
 * be a 503 counted by cause, a claim or a pool timeout counted where it happened, and a 5xx on the
 * request's route.
 */
@TestPropertySource(properties = "oncepay.concurrency-strategy=pessimistic")
class SaturationMetricsIT extends ApiTestBase {

  private static final String PAY_ROUTE = "/v1/orders/{orderId}/payments";

  @Autowired MeterRegistry meters;
  @Autowired HikariDataSource pool;

  @Test
  void aLockHeldPastLockTimeoutIsATimedOutClaimAndA503() throws SQLException {
    String order = api().createOrder("cart-locked", 500);
    Resp refused;
    try (Connection holder = pool.getConnection()) {
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.execute("SELECT id FROM orders FOR UPDATE");
      }
      refused =
          api()
              .post(
                  "/v1/orders/" + order + "/payments",
                  "k-locked",
                  "{\"payment_method\":\"pm_ok\"}");
      holder.rollback();
    }
    assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
    assertThat(claims("lock_timeout")).isEqualTo(1);
    assertThat(saturated("lock_timeout")).isEqualTo(1);
    awaitRequests(PAY_ROUTE, "5xx", 1);

    // The lock is gone: the same request now wins its claim.
    Resp paid =
        api()
            .post(
                "/v1/orders/" + order + "/payments", "k-locked", "{\"payment_method\":\"pm_ok\"}");
    assertThat(paid.status()).isEqualTo(201);
    assertThat(claims("won")).isEqualTo(1);
    awaitRequests(PAY_ROUTE, "2xx", 1);
  }

  @Test
  void noFreeConnectionIsAPoolTimeoutAndA503() throws SQLException {
    api().createOrder("cart-warm-up", 500); // the API key is cached from here on
    double timeoutsBefore = meters.get("hikaricp.connections.timeout").counter().count();
    double poolBefore = saturated("pool");
    List<Connection> taken = new ArrayList<>();
    Resp refused;
    try {
      while (taken.size() < pool.getMaximumPoolSize()) {
        taken.add(pool.getConnection());
      }
      refused =
          api()
              .post(
                  "/v1/orders",
                  "k-no-connection",
                  "{\"cart_id\":\"cart-no-connection\",\"amount\":100,\"currency\":\"EUR\"}");
    } finally {
      for (Connection c : taken) {
        c.close();
      }
    }
    assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
    assertThat(saturated("pool")).isEqualTo(poolBefore + 1);
    assertThat(meters.get("hikaricp.connections.timeout").counter().count())
        .isGreaterThan(timeoutsBefore);
    awaitRequests("/v1/orders", "5xx", 1);
  }

  private double claims(String outcome) {
    return meters
        .get("oncepay.claims")
        .tags("strategy", "pessimistic", "claim", "order", "outcome", outcome)
        .timer()
        .count();
  }

  private double saturated(String cause) {
    return meters.get("oncepay.http.saturated").tag("cause", cause).counter().count();
  }

  /**
   * The filter records a request after the chain returns, which can be just after the client has
   * the whole answer: wait for it briefly.
   */
  private void awaitRequests(String route, String outcome, double count) {
    Await.until(
        Duration.ofSeconds(5),
        count + " " + outcome + " requests on " + route,
        () -> requests(route, outcome) == count);
  }

  private double requests(String route, String outcome) {
    var timer =
        Search.in(meters)
            .name("oncepay.http.requests")
            .tags("method", "POST", "route", route, "outcome", outcome)
            .timer();
    return timer == null ? 0 : timer.count();
  }
}
