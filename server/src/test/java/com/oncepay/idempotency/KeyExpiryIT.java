package com.oncepay.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.ApiTestBase;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Keys live for their retention (24 h by default), then are swept and may be used afresh. */
class KeyExpiryIT extends ApiTestBase {

  @Autowired IdempotencyStore store;

  private void expire(String key) {
    int updated =
        jdbc.sql(
                "UPDATE idempotency_keys SET expires_at = now() - interval '1 second'"
                    + " WHERE idempotency_key = :k")
            .param("k", key)
            .update();
    assertThat(updated).isEqualTo(1);
  }

  @Test
  void expiredKeysAreSweptInBatches() {
    for (int i = 0; i < 5; i++) {
      api().createOrder("cart-sweep-" + i, 100);
      expire("order-cart-sweep-" + i);
    }
    api().createOrder("cart-kept", 100);
    assertThat(store.deleteExpired(2)).isEqualTo(2);
    assertThat(store.deleteExpired(10)).isEqualTo(3);
    assertThat(store.deleteExpired(10)).isZero();
    long kept =
        jdbc.sql("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = 'order-cart-kept'")
            .query(Long.class)
            .single();
    assertThat(kept).isEqualTo(1);
  }

  @Test
  void anExpiredKeyStartsAfreshEvenBeforeTheSweep() {
    String cart = "cart-" + UUID.randomUUID();
    String key = "k-" + cart;
    Resp first =
        api()
            .post(
                "/v1/orders",
                key,
                "{\"cart_id\":\"" + cart + "\",\"amount\":10,\"currency\":\"EUR\"}");
    assertThat(first.status()).isEqualTo(201);
    expire(key);
    String other = "cart-" + UUID.randomUUID();
    Resp reused =
        api()
            .post(
                "/v1/orders",
                key,
                "{\"cart_id\":\"" + other + "\",\"amount\":10,\"currency\":\"EUR\"}");
    assertThat(reused.status()).isEqualTo(201);
    assertThat(reused.replayed()).isFalse();
  }
}
