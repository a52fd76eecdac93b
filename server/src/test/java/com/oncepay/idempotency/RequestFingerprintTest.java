package com.oncepay.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RequestFingerprintTest {

  private static byte[] of(String method, String path, String body) {
    return RequestFingerprint.of(method, path, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void keyOrderAndWhiteSpaceDoNotMatter() {
    assertThat(of("POST", "/v1/orders", "{\"a\":1,\"b\":{\"y\":2,\"x\":[3,{\"q\":1,\"p\":2}]}}"))
        .isEqualTo(
            of(
                "POST",
                "/v1/orders",
                " { \"b\" : {\"x\":[3,{\"p\":2,\"q\":1}],\"y\":2}, \"a\":1 }"));
  }

  @Test
  void methodPathAndValuesDo() {
    byte[] base = of("POST", "/v1/orders", "{\"a\":1}");
    assertThat(of("PUT", "/v1/orders", "{\"a\":1}")).isNotEqualTo(base);
    assertThat(of("POST", "/v1/orders/x", "{\"a\":1}")).isNotEqualTo(base);
    assertThat(of("POST", "/v1/orders", "{\"a\":2}")).isNotEqualTo(base);
    assertThat(of("POST", "/v1/orders", "{\"a\":\"1\"}")).isNotEqualTo(base);
    assertThat(of("POST", "/v1/orders", "{\"a\":[1,2]}"))
        .isNotEqualTo(of("POST", "/v1/orders", "{\"a\":[2,1]}"));
  }

  /** Random objects, shuffled key order: the fingerprint never changes (seeded, reproducible). */
  @RepeatedTest(50)
  void shuffledKeysSameFingerprint(org.junit.jupiter.api.RepetitionInfo info) {
    Random random = new Random(info.getCurrentRepetition());
    List<String> fields = new ArrayList<>();
    for (int i = 0; i < 1 + random.nextInt(8); i++) {
      fields.add("\"f" + i + "\":" + random.nextInt(1000));
    }
    String ordered = "{" + String.join(",", fields) + "}";
    Collections.shuffle(fields, random);
    String shuffled = "{" + String.join(",", fields) + "}";
    assertThat(of("POST", "/p", shuffled)).isEqualTo(of("POST", "/p", ordered));
  }
}
