package com.oncepay.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.merchant.MerchantRepository;
import com.oncepay.testsupport.Api;
import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Per-key rate limits on the real server: a key past its burst gets 429 rate_limited with
 * Retry-After and nothing done; another merchant's key is unaffected; after the Retry-After the key
 * is served again.
 */
@TestPropertySource(properties = {"oncepay.limits.requests-per-second=2", "oncepay.limits.burst=5"})
class RateLimitIT extends ApiTestBase {

  @Autowired MerchantRepository merchants;

  @Test
  void aKeyPastItsBurstGets429AndOthersAreNotTouched() throws Exception {
    String otherKey = "sk_test_rate_" + UUID.randomUUID();
    merchants.ensure("other " + otherKey, otherKey);
    Api other = api().withKey(otherKey);
    List<Resp> answers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      answers.add(
          api()
              .post(
                  "/v1/orders",
                  "rl-" + i + "-" + UUID.randomUUID(),
                  "{\"cart_id\":\"rl-"
                      + UUID.randomUUID()
                      + "\",\"amount\":100,\"currency\":\"EUR\"}"));
    }
    List<Integer> statuses = answers.stream().map(Resp::status).toList();
    assertThat(statuses.subList(0, 5)).containsOnly(201);
    Resp limited = answers.getLast();
    assertThat(limited.status()).as(statuses.toString()).isEqualTo(429);
    assertThat(limited.errorCode()).isEqualTo("rate_limited");
    assertThat(limited.retryAfter()).isNotNull();
    long orders =
        jdbc.sql("SELECT count(*) FROM orders WHERE cart_id LIKE 'rl-%'")
            .query(Long.class)
            .single();
    assertThat(orders)
        .as("only the admitted requests did anything")
        .isEqualTo(statuses.stream().filter(s -> s == 201).count());

    assertThat(other.get("/v1/events").status()).as("another key's own bucket").isEqualTo(200);

    // Served again once a token is back (within the Retry-After it gave).
    Await.until(
        Duration.ofSeconds(Long.parseLong(limited.retryAfter()) + 2),
        "the key to be served again",
        () -> api().get("/v1/events").status() == 200);
  }
}
