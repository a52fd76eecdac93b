package com.oncepay.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.testsupport.Api;
import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.SecondInstance;
import com.oncepay.testsupport.TestPgBouncer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A key revoked through one instance is refused by another within a second. The other instance has
 * just used the key, so its cache holds it (a 30 s cache would keep answering 200), and it is hit
 * every 20 ms from the moment the revocation is answered until it refuses.
 *
 * <p>Two ways to hear of it: the LISTEN on a direct connection (milliseconds), and, for an instance
 * behind PgBouncer with no listen URL, the cache's own staleness bound (under a second).
 */
class KeyRevocationAcrossInstancesIT extends ApiTestBase {

  private static final Duration BOUND = Duration.ofSeconds(1);

  @Test
  void anInstanceThatListensRefusesARevokedKeyWithinASecond() {
    try (SecondInstance other = SecondInstance.start(database, sim().baseUrl(), Map.of())) {
      Duration refusedAfter = revokeHereAndTimeRefusalAt(other);
      assertThat(refusedAfter).isLessThan(BOUND);
    }
  }

  @Test
  void anInstanceBehindPgBouncerWithoutAListenUrlRefusesWithinASecondToo() {
    try (SecondInstance other =
        SecondInstance.start(TestPgBouncer.route(database), sim().baseUrl(), Map.of())) {
      Duration refusedAfter = revokeHereAndTimeRefusalAt(other);
      assertThat(refusedAfter).isLessThan(BOUND);
    }
  }

  @Test
  void anExpiredOverlapIsRefusedAtOnceByEveryInstance() throws Exception {
    try (SecondInstance other = SecondInstance.start(database, sim().baseUrl(), Map.of())) {
      var keys = new OperatorCalls(operator());
      String merchant = keys.createMerchant("overlap");
      var issued = keys.issue(merchant);
      Api there = other.api(issued.key());
      assertThat(there.get("/v1/events").status()).isEqualTo(200);

      var rotated = keys.rotate(merchant, issued.id(), 2);
      Api replacement = other.api(rotated.path("api_key").path("key").asString());
      assertThat(there.get("/v1/events").status()).as("old key, in the overlap").isEqualTo(200);
      assertThat(replacement.get("/v1/events").status()).isEqualTo(200);

      com.oncepay.testsupport.Await.until(
          Duration.ofSeconds(10),
          "the overlap to end",
          () -> there.get("/v1/events").status() != 200);
      assertThat(there.get("/v1/events").status()).as("old key after the overlap").isEqualTo(401);
      assertThat(replacement.get("/v1/events").status()).isEqualTo(200);
    }
  }

  private Duration revokeHereAndTimeRefusalAt(SecondInstance other) {
    var keys = new OperatorCalls(operator());
    String merchant = keys.createMerchant("revocation");
    var issued = keys.issue(merchant);
    Api there = other.api(issued.key());
    // Warm the other instance's cache, and let the entry age past any short first-read window.
    for (int i = 0; i < 5; i++) {
      assertThat(there.get("/v1/events").status()).isEqualTo(200);
    }
    sleep(Duration.ofMillis(1500));
    assertThat(there.get("/v1/events").status()).isEqualTo(200);

    keys.revoke(merchant, issued.id());
    long revokedAt = System.nanoTime();
    com.oncepay.testsupport.Await.until(
        Duration.ofSeconds(35),
        "the other instance to refuse the revoked key",
        () -> there.get("/v1/events").status() == 401);
    Duration after = Duration.ofNanos(System.nanoTime() - revokedAt);
    System.out.println(
        "revoked key refused by the other instance after " + after.toMillis() + " ms");
    return after;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
