package com.oncepay.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A finished job wakes a dispatcher that waits for a free slot, and only such a one: with a single
 * slot, jobs that queue up behind a slow one each start as soon as the one before it ends, not at
 * the next poll a minute later. (A dispatcher that waits for the queue to fill is woken by the
 * enqueue's NOTIFY instead; {@code StatementBudgetIT} counts its claims.)
 */
@TestPropertySource(
    properties = {"oncepay.worker.concurrency=1", "oncepay.worker.poll-interval=60s"})
class DispatcherWakeupIT extends ApiTestBase {

  @Test
  void jobsWaitingForTheOnlySlotStartWhenItFrees() {
    List<String> orders = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String order = api().createOrder("cart-" + UUID.randomUUID(), 700);
      // pm_slow: the simulator answers after 2 s, so the second and third wait for the slot.
      assertThat(
              api()
                  .post(
                      "/v1/orders/" + order + "/payments",
                      "async-" + order,
                      "{\"payment_method\":\"pm_slow\",\"async\":true}")
                  .status())
          .isEqualTo(202);
      orders.add(order);
    }
    for (String order : orders) {
      Await.until(
          Duration.ofSeconds(30),
          "order " + order + " paid, long before the next poll",
          () -> api().get("/v1/orders/" + order).json().get("status").asString().equals("paid"));
    }
  }
}
