package com.oncepay.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.RawHttp;
import com.oncepay.testsupport.RawHttp.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Paths that Tomcat, Spring and a raw-path filter would each read differently: percent-escapes (of
 * ordinary letters, of slashes, undecodable ones, NUL), matrix parameters, empty and dot segments,
 * a trailing slash. Each answers 400 with oncepay's error object, with and without a key — never a
 * 5xx, never Tomcat's HTML page, and never a handler reached without the key check.
 */
class HostilePathsIT extends ApiTestBase {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/v1/payments/x;a=%zz",
        "/v1/orders/x;%/payments",
        "/%76%31/orders/x",
        "/v1;x=1/orders/x",
        "/v1/orders;a=b",
        "/v1/orders/%00",
        "/v1/orders/x%2F..%2F",
        "/v1/orders/%zz",
        "/v1//orders/x",
        "/v1/./orders/x",
        "/v1/orders/../orders/x",
        "/v1/orders/x/",
        "/v1/orders/%C3%A9",
        "/v1/%2e%2e/actuator/prometheus",
        "/v1/orders/\u00e9"
      })
  void everyNonCanonicalPathAnswers400WithTheErrorObject(String path) {
    for (String method : new String[] {"GET", "POST", "DELETE"}) {
      for (boolean withKey : new boolean[] {false, true}) {
        String[] headers =
            withKey
                ? new String[] {"Authorization: Bearer " + API_KEY, "Idempotency-Key: k-" + method}
                : new String[] {};
        Answer answer = RawHttp.send(port, RawHttp.head(method, path, headers), new byte[0]);
        assertThat(answer.status()).as(method + " " + path + " -> " + answer).isEqualTo(400);
        assertThat(answer.header("content-type")).startsWith("application/json");
        assertThat(answer.text()).contains("\"error\":{\"type\":\"invalid_request_error\"");
      }
    }
  }

  @Test
  void theErrorRouteItselfIsAnUnknownRoute() {
    Answer answer = RawHttp.get(port, "/error");
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.text()).contains("\"code\":\"not_found\"");
  }

  @Test
  void headersTooLargeAnswerTheErrorObject() {
    Answer answer = RawHttp.get(port, "/v1/orders", "X-Big: " + "a".repeat(20_000));
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.text()).contains("\"error\":{");
  }

  @Test
  void aFormBodyOnAnyMethodIsLimitedBeforeAuthentication() {
    byte[] huge = new byte[1 << 20];
    java.util.Arrays.fill(huge, (byte) 'a');
    for (String method : new String[] {"PUT", "PATCH", "DELETE", "POST"}) {
      Answer answer =
          RawHttp.send(
              port,
              RawHttp.head(
                  method,
                  "/v1/webhook_endpoint",
                  "Content-Type: application/x-www-form-urlencoded"),
              huge);
      assertThat(answer.status()).as(method + " " + answer).isEqualTo(413);
      assertThat(answer.text()).contains("\"code\":\"request_too_large\"");
    }
  }
}
