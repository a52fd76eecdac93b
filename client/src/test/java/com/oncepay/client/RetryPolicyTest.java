package com.oncepay.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {

  private static final Duration INITIAL = Duration.ofMillis(100);
  private static final Duration MAX = Duration.ofSeconds(5);

  private final RetryPolicy policy = new RetryPolicy(5, INITIAL, MAX, new SplittableRandom(42));

  @ParameterizedTest(name = "{0} {1} -> retry: {2}")
  @CsvSource(
      nullValues = "-",
      value = {
        "409, idempotency_key_in_use, true",
        "409, order_busy, true",
        "409, payment_busy, true",
        "429, -, true",
        "500, internal_error, true",
        "502, -, true",
        "503, service_unavailable, true",
        "504, -, true",
        "400, parameter_invalid, false",
        "400, idempotency_key_missing, false",
        "401, unauthorized, false",
        "402, card_declined, false",
        "404, not_found, false",
        "409, order_already_paid, false",
        "409, cart_already_ordered, false",
        "409, invalid_state, false",
        "409, -, false",
        "413, request_too_large, false",
        "415, unsupported_media_type, false",
        "422, idempotency_key_reused, false",
        "422, amount_exceeds_captured, false",
        "501, -, false",
        "302, -, false"
      })
  void retriesOnlyAnswersThatMayChangeUnchanged(int status, String code, boolean retryable) {
    assertThat(RetryPolicy.isRetryable(status, code)).isEqualTo(retryable);
  }

  @Test
  void countsAttemptsAgainstTheLimit() {
    assertThat(policy.mayRetryAfter(4)).isTrue();
    assertThat(policy.mayRetryAfter(5)).isFalse();
    assertThat(new RetryPolicy(1, INITIAL, MAX, new SplittableRandom()).mayRetryAfter(1)).isFalse();
  }

  @Test
  void backoffCeilingDoublesUpToTheCapWithoutOverflowing() {
    assertThat(policy.backoffCeiling(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.backoffCeiling(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.backoffCeiling(4)).isEqualTo(Duration.ofMillis(800));
    assertThat(policy.backoffCeiling(6)).isEqualTo(Duration.ofMillis(3200));
    assertThat(policy.backoffCeiling(7)).isEqualTo(MAX);
    assertThat(policy.backoffCeiling(1_000)).isEqualTo(MAX);
  }

  @Test
  void jitterSpreadsDelaysOverTheWholeRange() {
    Set<Duration> seen = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      Duration delay = policy.jitteredBackoff(3);
      assertThat(delay).isBetween(Duration.ZERO, Duration.ofMillis(400));
      seen.add(delay);
    }
    assertThat(seen).hasSizeGreaterThan(900);
    assertThat(seen).anyMatch(d -> d.compareTo(Duration.ofMillis(40)) < 0);
    assertThat(seen).anyMatch(d -> d.compareTo(Duration.ofMillis(360)) > 0);
  }

  @Test
  void retryAfterIsAFloorThatMayExceedTheBackoffCapUpToSixtySeconds() {
    RetryPolicy small = new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(20), rnd());

    assertThat(small.delayAfter(1, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
    assertThat(small.delayAfter(1, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
    assertThat(small.delayAfter(1, Duration.ofHours(2))).isEqualTo(Duration.ofSeconds(60));
    assertThat(small.delayAfter(1, Duration.ZERO)).isBetween(Duration.ZERO, Duration.ofMillis(10));
    assertThat(small.delayAfter(9, null)).isBetween(Duration.ZERO, Duration.ofMillis(20));
  }

  @Test
  void readsRetryAfterAsSecondsOrAsAnHttpDate() {
    Instant now = Instant.parse("2026-03-01T10:00:00Z");
    String inThirtySeconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(30).atOffset(ZoneOffset.UTC));
    String aMinuteAgo =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(now.minusSeconds(60).atOffset(ZoneOffset.UTC));

    assertThat(RetryPolicy.parseRetryAfter("1", now)).isEqualTo(Duration.ofSeconds(1));
    assertThat(RetryPolicy.parseRetryAfter(" 120 ", now)).isEqualTo(Duration.ofSeconds(120));
    assertThat(RetryPolicy.parseRetryAfter("99999999999999999999999", now))
        .isEqualTo(RetryPolicy.MAX_RETRY_AFTER);
    assertThat(RetryPolicy.parseRetryAfter(inThirtySeconds, now)).isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryPolicy.parseRetryAfter(aMinuteAgo, now)).isEqualTo(Duration.ZERO);
    assertThat(RetryPolicy.parseRetryAfter("soon", now)).isNull();
    assertThat(RetryPolicy.parseRetryAfter("-5", now)).isNull();
  }

  private static SplittableRandom rnd() {
    return new SplittableRandom(7);
  }
}
