package com.oncepay.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.merchant.ApiKeyAuthenticator;
import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.Await;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * An unknown key costs one database lookup however often it is sent (the negative cache), and a
 * client address that keeps failing is answered 429 rate_limited with Retry-After, for merchant
 * keys and the operator credential alike, while a request without any key costs nothing.
 */
@TestPropertySource(
    properties = {"oncepay.auth.failure-limit=20", "oncepay.auth.failure-window=1m"})
class FailedAuthenticationIT extends ApiTestBase {

  @Autowired MeterRegistry meters;
  @Autowired ApiKeyAuthenticator authenticator;

  private double lookups() {
    return meters.get(ApiKeyAuthenticator.LOOKUPS_METRIC).counter().count();
  }

  @Test
  void theSameUnknownKeyIsLookedUpOnceThenLimitedByAddress() {
    // Any key change (the bootstrap's at start-up) clears the cache, negative answers too: wait
    // until every change so far has been heard.
    long now = System.nanoTime();
    Await.until(
        Duration.ofSeconds(10), "the key listener", () -> authenticator.confirmedSince(now));
    String unknown = "sk_test_unknown_" + System.nanoTime();
    double before = lookups();
    int refused = 0;
    for (int i = 0; i < 20; i++) {
      var r = api().withKey(unknown).get("/v1/events");
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.json().path("error").path("code").asString()).isEqualTo("unauthorized");
      refused++;
    }
    assertThat(refused).isEqualTo(20);
    assertThat(lookups() - before).as("database lookups for one unknown key").isEqualTo(1.0);

    // The 21st failure from this address: limited before any lookup, the right key included.
    var limited = api().withKey(unknown).get("/v1/events");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().path("error").path("code").asString()).isEqualTo("rate_limited");
    assertThat(limited.json().path("error").path("type").asString()).isEqualTo("rate_limit_error");
    assertThat(Long.parseLong(limited.retryAfter())).isBetween(1L, 60L);
    assertThat(api().get("/v1/events").status()).isEqualTo(429);
    assertThat(operator().withKey("wrong-operator-token").get("/operator/v1/audit_log").status())
        .isEqualTo(429);
    assertThat(lookups() - before).isEqualTo(1.0);
    // Health is never limited: the balancer's checks come from the same kind of address.
    assertThat(api().withKey(null).get("/actuator/health/readiness").status()).isEqualTo(200);
  }
}
