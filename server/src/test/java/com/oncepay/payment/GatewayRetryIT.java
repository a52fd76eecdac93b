package com.oncepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.race.LedgerProbe;
import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.ApiTestBase;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * With retries, an ambiguous first try is settled by a second with the same gateway key: the
 * gateway answers from its idempotency record and never charges twice.
 */
@TestPropertySource(
    properties = {
      "oncepay.gateway.read-timeout=1s",
      "oncepay.gateway.max-attempts=3",
      "oncepay.idempotency.lease=10s"
    })
class GatewayRetryIT extends ApiTestBase {

  @Test
  void errorThenOkIsPaidOnce() {
    String order = api().createOrder("cart-" + UUID.randomUUID(), 700);
    Resp paid =
        api()
            .post(
                "/v1/orders/" + order + "/payments",
                "k-eto",
                "{\"payment_method\":\"pm_error_then_ok\"}");
    assertThat(paid.status()).isEqualTo(201);
    assertThat(paid.json().get("status").asString()).isEqualTo("captured");
    assertThat(LedgerProbe.charges(sim(), order)).isEqualTo(1);
  }

  @Test
  void timeoutAfterChargeIsSettledByTheRetryWithoutASecondCharge() {
    sim().updateKnobs(sim().knobs().withHangMs(5_000));
    String order = api().createOrder("cart-" + UUID.randomUUID(), 800);
    Resp paid =
        api()
            .post(
                "/v1/orders/" + order + "/payments",
                "k-tac",
                "{\"payment_method\":\"pm_timeout_after_charge\"}");
    assertThat(paid.status()).isEqualTo(201);
    assertThat(paid.json().get("amount_captured").asLong()).isEqualTo(800);
    assertThat(LedgerProbe.charges(sim(), order)).isEqualTo(1);
    var ledger = LedgerProbe.entriesForOrder(sim(), order);
    assertThat(ledger.getFirst().idempotencyKey()).startsWith("oncepay_op_");
  }
}
