package com.oncepay.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  private static final byte[] BODY = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
  private static final long T = 1_700_000_000L;

  @Test
  void signsStripeStyle() {
    String header = WebhookSignature.sign("secret", T, BODY);

    assertThat(header).matches("t=1700000000,v1=[0-9a-f]{64}");
    assertThat(WebhookSignature.verify(header, BODY, List.of("secret"), T + 10, 300)).isTrue();
  }

  @Test
  void knownVector() {
    // HMAC-SHA256("secret", "1700000000.{\"id\":\"evt_1\"}"), computed with Python's hmac.
    assertThat(WebhookSignature.sign("secret", T, BODY))
        .isEqualTo(
            "t=1700000000,v1=af784f27423c462e20039559cd4264140f7b7ed4c9090e26fd663faa5eeb8dda");
  }

  @Test
  void rejectsABadSignature() {
    String header = WebhookSignature.sign("secret", T, BODY);
    String flipped = header.substring(0, header.length() - 1) + (header.endsWith("0") ? "1" : "0");

    assertThat(WebhookSignature.verify(flipped, BODY, List.of("secret"), T, 300)).isFalse();
    assertThat(WebhookSignature.verify(header, BODY, List.of("other"), T, 300)).isFalse();
    assertThat(WebhookSignature.verify("garbage", BODY, List.of("secret"), T, 300)).isFalse();
    assertThat(WebhookSignature.verify("t=x,v1=zz", BODY, List.of("secret"), T, 300)).isFalse();
    assertThat(WebhookSignature.verify(null, BODY, List.of("secret"), T, 300)).isFalse();
    assertThat(WebhookSignature.verify(header, BODY, List.of(), T, 300)).isFalse();
  }

  @Test
  void rejectsAStaleOrFutureTimestamp() {
    String header = WebhookSignature.sign("secret", T, BODY);

    assertThat(WebhookSignature.verify(header, BODY, List.of("secret"), T + 301, 300)).isFalse();
    assertThat(WebhookSignature.verify(header, BODY, List.of("secret"), T - 301, 300)).isFalse();
    assertThat(WebhookSignature.verify(header, BODY, List.of("secret"), T + 300, 300)).isTrue();
  }

  @Test
  void acceptsAnyOfSeveralSecretsAndSeveralV1Values() {
    String oldSig = WebhookSignature.sign("old", T, BODY);
    String newSig = WebhookSignature.sign("new", T, BODY);
    String both = newSig + "," + oldSig.substring(oldSig.indexOf("v1="));

    assertThat(WebhookSignature.verify(oldSig, BODY, List.of("new", "old"), T, 300)).isTrue();
    assertThat(WebhookSignature.verify(both, BODY, List.of("old"), T, 300)).isTrue();
    assertThat(WebhookSignature.verify(both, BODY, List.of("new"), T, 300)).isTrue();
    assertThat(WebhookSignature.verify(both, BODY, List.of("neither"), T, 300)).isFalse();
  }

  @Test
  void theTimestampIsPartOfTheSignedText() {
    String header = WebhookSignature.sign("secret", T, BODY);
    String movedInTime = header.replace("t=" + T, "t=" + (T + 100));

    assertThat(WebhookSignature.verify(movedInTime, BODY, List.of("secret"), T + 100, 300))
        .isFalse();
  }
}
