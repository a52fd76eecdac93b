package com.oncepay.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.testsupport.ApiTestBase;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A body that is not JSON never moves money: only a truly empty body means "the defaults" (refund
 * everything, capture everything). A lone control or separator character, or white space, is not an
 * empty body; it answers 400 invalid_json and the payment is untouched.
 */
class NonJsonBodiesIT extends ApiTestBase {

  @ParameterizedTest
  @ValueSource(strings = {"\u000b", "\u001f", "\u2028", " ", "\t\n"})
  void aBodyOfOneStrayCharacterIsNotTheDefaults(String body) {
    String payment = api().capturedPayment("cart-" + UUID.randomUUID(), 1000);
    var refund = api().post("/v1/payments/" + payment + "/refunds", "r-" + UUID.randomUUID(), body);
    assertThat(refund.status()).as(refund.toString()).isEqualTo(400);
    assertThat(refund.errorCode()).isEqualTo("invalid_json");
    var after = api().get("/v1/payments/" + payment).json();
    assertThat(after.get("amount_refunded").asLong()).isZero();
    assertThat(after.get("amount_refund_pending").asLong()).isZero();
    assertThat(after.get("status").asString()).isEqualTo("captured");

    // A truly empty body still means "refund everything".
    var full = api().post("/v1/payments/" + payment + "/refunds", "r-" + UUID.randomUUID(), "");
    assertThat(full.status()).as(full.toString()).isEqualTo(201);
    assertThat(full.json().get("amount").asLong()).isEqualTo(1000);
  }

  @ParameterizedTest
  @ValueSource(strings = {"refunds", "capture"})
  void aNullAmountIsNotTheWholeAmount(String action) {
    String order = api().createOrder("cart-" + UUID.randomUUID(), 1000);
    var pay =
        api()
            .post(
                "/v1/orders/" + order + "/payments",
                "p-" + order,
                "{\"payment_method\":\"pm_ok\",\"capture\":\""
                    + (action.equals("capture") ? "manual" : "automatic")
                    + "\"}");
    String payment = pay.json().get("id").asString();
    var answer =
        api()
            .post(
                "/v1/payments/" + payment + "/" + action,
                "a-" + UUID.randomUUID(),
                "{\"amount\":null}");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.errorCode()).isEqualTo("amount_invalid");
    var after = api().get("/v1/payments/" + payment).json();
    assertThat(after.get("amount_refunded").asLong()).isZero();
    assertThat(after.get("status").asString())
        .isEqualTo(action.equals("capture") ? "authorized" : "captured");
  }
}
