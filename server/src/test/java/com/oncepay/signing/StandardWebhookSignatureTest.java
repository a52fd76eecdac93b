package com.oncepay.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandardWebhookSignatureTest {

  /**
   * The example of the Standard Webhooks and Svix documentation (secret, message id, timestamp,
   * payload and the signature every library computes for them); the npm {@code standardwebhooks}
   * package gives the same value.
   */
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long TIMESTAMP = 1_614_265_330L;
  private static final byte[] PAYLOAD = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  private static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  @Test
  void signsThePublishedExample() {
    assertThat(StandardWebhookSignature.sign(SECRET, ID, TIMESTAMP, PAYLOAD)).isEqualTo(EXPECTED);
    assertThat(StandardWebhookSignature.header(List.of(SECRET), ID, TIMESTAMP, PAYLOAD))
        .isEqualTo(EXPECTED);
  }

  @Test
  void everyPartOfTheSignedTextCounts() {
    byte[] other = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
    assertThat(StandardWebhookSignature.sign(SECRET, ID, TIMESTAMP, other)).isNotEqualTo(EXPECTED);
    assertThat(StandardWebhookSignature.sign(SECRET, ID + "x", TIMESTAMP, PAYLOAD))
        .isNotEqualTo(EXPECTED);
    assertThat(StandardWebhookSignature.sign(SECRET, ID, TIMESTAMP + 1, PAYLOAD))
        .isNotEqualTo(EXPECTED);
  }

  @Test
  void severalSecretsGiveSpaceSeparatedEntriesInOrder() {
    String next = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
    String header = StandardWebhookSignature.header(List.of(next, SECRET), ID, TIMESTAMP, PAYLOAD);

    assertThat(header.split(" "))
        .containsExactly(StandardWebhookSignature.sign(next, ID, TIMESTAMP, PAYLOAD), EXPECTED);
    assertThat(header).matches("v1,[A-Za-z0-9+/]{43}= v1,[A-Za-z0-9+/]{43}=");
    assertThatThrownBy(() -> StandardWebhookSignature.header(List.of(), ID, TIMESTAMP, PAYLOAD))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theKeyIsTheBase64DecodingAfterThePrefix() {
    assertThat(StandardWebhookSignature.key(SECRET))
        .isEqualTo(Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
    // A secret issued before the standard (whsec_ and 64 hex digits) is read the same way, as
    // every library will read the string the shop already has: 48 bytes, not the hex text.
    String hexSecret = "whsec_" + "0123456789abcdef".repeat(4);
    byte[] key = StandardWebhookSignature.key(hexSecret);
    assertThat(key).hasSize(48);
    assertThat(HexFormat.of().formatHex(key)).startsWith("d35db7e3");
  }

  @Test
  void malformedSecretsAndIdsAreBugs() {
    for (String secret : new String[] {null, "", "MfKQ9r8G", "whsec_", "whsec_not base64!"}) {
      assertThatThrownBy(() -> StandardWebhookSignature.key(secret))
          .as(String.valueOf(secret))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> StandardWebhookSignature.sign(SECRET, "evt.1", TIMESTAMP, PAYLOAD))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StandardWebhookSignature.sign(SECRET, "", TIMESTAMP, PAYLOAD))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
