package com.oncepay.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.testsupport.ApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Without ONCEPAY_OPERATOR_TOKEN the operator API and the actuator's metrics do not exist: 404 to
 * everyone, whatever they send, while health stays open and the merchant API works.
 */
@TestPropertySource(properties = "oncepay.operator.token=")
class OperatorApiDisabledIT extends ApiTestBase {

  @Test
  void theOperatorApiAndTheMetricsAnswer404() {
    for (String path : new String[] {"/operator/v1/audit_log", "/actuator/prometheus"}) {
      var r = operator().get(path);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.json().path("error").path("code").asString()).isEqualTo("not_found");
      assertThat(api().withKey(null).get(path).status()).isEqualTo(404);
    }
    var created = operator().post("/operator/v1/merchants", null, "{\"name\":\"x\"}");
    assertThat(created.status()).isEqualTo(404);
    assertThat(api().withKey(null).get("/actuator/health/readiness").status()).isEqualTo(200);
    assertThat(api().get("/v1/events").status()).isEqualTo(200);
  }
}
