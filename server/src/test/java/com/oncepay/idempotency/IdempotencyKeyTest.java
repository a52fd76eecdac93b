package com.oncepay.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oncepay.error.ErrorCode;
import com.oncepay.error.OncepayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeyTest {

  @Test
  void bareTokenAndQuotedStringAreTheSameKey() {
    assertThat(IdempotencyKey.parseHeader("8e03978e-40d5-43e8-bc93-6894a57f9324"))
        .isEqualTo(IdempotencyKey.parseHeader("\"8e03978e-40d5-43e8-bc93-6894a57f9324\""));
  }

  @Test
  void quotedStringsMayEscapeQuotesAndBackslashes() {
    assertThat(IdempotencyKey.parseHeader("\"a\\\"b\\\\c d\"").value()).isEqualTo("a\"b\\c d");
  }

  @Test
  void upTo255Characters() {
    assertThat(IdempotencyKey.parseHeader("k".repeat(255)).value()).hasSize(255);
    assertThatThrownBy(() -> IdempotencyKey.parseHeader("k".repeat(256)))
        .isInstanceOfSatisfying(
            OncepayException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_INVALID));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void missing(String header) {
    assertThatThrownBy(() -> IdempotencyKey.parseHeader(header))
        .isInstanceOfSatisfying(
            OncepayException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_MISSING));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"open",
        "\"\"",
        "two words",
        "bad\"quote",
        "\"bad\\escape\"",
        "tab\there",
        "ünïcode"
      })
  void malformed(String header) {
    assertThatThrownBy(() -> IdempotencyKey.parseHeader(header))
        .isInstanceOfSatisfying(
            OncepayException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_INVALID));
  }
}
