package com.oncepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.ApiTestBase;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A gateway call whose outcome is unknown (timeout, 5xx) leaves the payment unknown, never failed,
 * and blocks new attempts on the order: the money may have moved.
 */
@TestPropertySource(
    properties = {
      "oncepay.gateway.read-timeout=1s",
      "oncepay.gateway.max-attempts=1",
      "oncepay.idempotency.lease=5s",
      // Recovery is tested elsewhere; here the unknown state itself is under test.
      "oncepay.worker.enabled=false"
    })
class UnknownOutcomeIT extends ApiTestBase {

  @Test
  void timeoutAfterChargeIsUnknownAndBlocksTheOrder() {
    sim().updateKnobs(sim().knobs().withHangMs(3_000));
    String order = api().createOrder("cart-" + UUID.randomUUID(), 1234);
    String path = "/v1/orders/" + order + "/payments";
    Resp first = api().post(path, "k-timeout", "{\"payment_method\":\"pm_timeout_after_charge\"}");
    assertThat(first.status()).isEqualTo(202);
    assertThat(first.json().get("status").asString()).isEqualTo("unknown");
    assertThat(api().get("/v1/orders/" + order).json().get("status").asString())
        .isEqualTo("payment_processing");
    // The gateway did charge: a second attempt with a new key must not be allowed to charge again.
    Resp second = api().post(path, "k-another", "{\"payment_method\":\"pm_ok\"}");
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.errorCode()).isEqualTo("order_busy");
    assertThat(second.retryAfter()).isNotNull();
    // The first answer replays exactly.
    Resp replay = api().post(path, "k-timeout", "{\"payment_method\":\"pm_timeout_after_charge\"}");
    assertThat(replay.replayed()).isTrue();
    assertThat(replay.body()).isEqualTo(first.body());
    assertThat(com.oncepay.race.LedgerProbe.charges(sim(), order)).isEqualTo(1);
    String status =
        jdbc.sql(
                "SELECT status FROM payment_operations WHERE kind = 'authorize' AND payment_id = :p")
            .param("p", UUID.fromString(first.json().get("id").asString().substring(4)))
            .query(String.class)
            .single();
    assertThat(status).isEqualTo("unknown");
  }

  @Test
  void serverErrorIsUnknownNotFailed() {
    sim().updateKnobs(sim().knobs().withErrorRate(1.0));
    String order = api().createOrder("cart-" + UUID.randomUUID(), 500);
    Resp answer =
        api().post("/v1/orders/" + order + "/payments", "k-500", "{\"payment_method\":\"pm_ok\"}");
    assertThat(answer.status()).isEqualTo(202);
    assertThat(answer.json().get("status").asString()).isEqualTo("unknown");
    assertThat(api().get("/v1/orders/" + order).json().get("status").asString())
        .isEqualTo("payment_processing");
  }
}
