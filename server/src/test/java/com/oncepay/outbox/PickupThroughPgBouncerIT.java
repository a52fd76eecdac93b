package com.oncepay.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.Await;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Through PgBouncer in transaction mode, with the LISTEN on a direct connection, async work starts
 * at once, not at the next poll: the poll interval here is 5 s, and every payment must be settled
 * well before it. (A LISTEN made through the pooler loses its notifications, which left pickup at
 * the poll interval.)
 */
@TestPropertySource(
    properties = {
      ApiTestBase.DB_THROUGH_PGBOUNCER,
      ApiTestBase.LISTEN_DIRECT,
      "oncepay.worker.poll-interval=5s"
    })
class PickupThroughPgBouncerIT extends ApiTestBase {

  @Test
  void asyncPaymentsAreSettledLongBeforeTheNextPoll() {
    for (int i = 0; i < 5; i++) {
      String order = api().createOrder("cart-" + UUID.randomUUID(), 700);
      long started = System.nanoTime();
      assertThat(
              api()
                  .post(
                      "/v1/orders/" + order + "/payments",
                      "async-" + order,
                      "{\"payment_method\":\"pm_ok\",\"async\":true}")
                  .status())
          .isEqualTo(202);
      Await.until(
          Duration.ofSeconds(10),
          "order paid",
          () -> api().get("/v1/orders/" + order).json().get("status").asString().equals("paid"));
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }
  }
}
