package com.oncepay.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimestampedSignatureTest {

  private static final byte[] BODY = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
  private static final long NOW = 1_790_000_000L;

  @Test
  void signsAndVerifiesWithinTheTolerance() {
    String header = TimestampedSignature.sign("whsec_a", NOW - 10, BODY);
    assertThat(TimestampedSignature.verify(header, BODY, List.of("whsec_a"), NOW, 300)).isTrue();
    assertThat(TimestampedSignature.verify(header, BODY, List.of("whsec_b"), NOW, 300)).isFalse();
    assertThat(TimestampedSignature.verify(header, BODY, List.of("whsec_b", "whsec_a"), NOW, 300))
        .isTrue();
    assertThat(TimestampedSignature.verify(header, BODY, List.of("whsec_a"), NOW + 400, 300))
        .isFalse();
  }

  /** now - t would wrap around for a forged t = now - 2^63 and pass a naive |now - t| check. */
  @Test
  void aTimestampFarInThePastCannotOverflowIntoTheWindow() {
    long forged = NOW - Long.MIN_VALUE; // wraps: NOW - (-2^63)
    String header = TimestampedSignature.sign("whsec_a", forged, BODY);
    assertThat(TimestampedSignature.verify(header, BODY, List.of("whsec_a"), NOW, 300)).isFalse();
    assertThat(TimestampedSignature.within(Long.MIN_VALUE, NOW, 300)).isFalse();
    assertThat(TimestampedSignature.within(Long.MAX_VALUE, NOW, 300)).isFalse();
    assertThat(TimestampedSignature.within(NOW - 300, NOW, 300)).isTrue();
  }
}
