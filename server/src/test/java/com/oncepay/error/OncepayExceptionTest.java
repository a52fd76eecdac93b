package com.oncepay.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OncepayExceptionTest {

  /** A refusal is an answer: building one must not walk the stack (docs/performance.md). */
  @Test
  void aRefusalCarriesItsAnswerAndNoStackTrace() {
    OncepayException busy =
        OncepayException.retryLater(
            ErrorCode.ORDER_BUSY, "Order ord_1 has a payment in progress", Duration.ofSeconds(2));
    assertThat(busy.getStackTrace()).isEmpty();
    assertThat(busy.getMessage()).isEqualTo("Order ord_1 has a payment in progress");
    assertThat(busy.code()).isEqualTo(ErrorCode.ORDER_BUSY);
    assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(2));
    busy.addSuppressed(new IllegalStateException("closing something"));
    assertThat(busy.getSuppressed()).isEmpty();
  }
}
