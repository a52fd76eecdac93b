package com.oncepay.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * When to retry and how long to wait: the client's whole retry policy, in one place.
 *
 * <p>Retrying is only safe because every attempt of one call carries the same Idempotency-Key and
 * the same body: the server runs the operation at most once and replays its stored answer to the
 * others. So an attempt with no answer (connection refused or dropped, timeout) is retried even
 * though the server may have acted on it. Answers are retried only when sending the same request
 * again can change them: busy (409 {@code idempotency_key_in_use}, {@code order_busy}, {@code
 * payment_busy}), rate-limited (429) or a server or proxy fault (500, 502, 503, 504). Every other
 * 4xx is final or needs a fix to the request, and retrying would only repeat it.
 *
 * <p>The wait is full-jitter exponential backoff (uniform in [0, min(maxBackoff, initial ·
 * 2<sup>n-1</sup>)]), so clients that failed together do not come back together, but never less
 * than the server's Retry-After, which may exceed maxBackoff up to {@link #MAX_RETRY_AFTER}.
 */
final class RetryPolicy {

  /** The longest Retry-After honoured: a misconfigured proxy must not park callers for hours. */
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

  private static final Set<String> BUSY_CODES =
      Set.of("idempotency_key_in_use", "order_busy", "payment_busy");

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final RandomGenerator random;

  RetryPolicy(
      int maxAttempts, Duration initialBackoff, Duration maxBackoff, RandomGenerator random) {
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.random = random;
  }

  /** Whether another attempt is allowed after {@code attemptsMade} attempts. */
  boolean mayRetryAfter(int attemptsMade) {
    return attemptsMade < maxAttempts;
  }

  /** Whether the same request, sent again unchanged, may get a different answer. */
  static boolean isRetryable(int status, String errorCode) {
    return switch (status) {
      case 429, 500, 502, 503, 504 -> true;
      case 409 -> errorCode != null && BUSY_CODES.contains(errorCode);
      default -> false;
    };
  }

  static boolean isRetryable(ApiResult answer) {
    return isRetryable(answer.status(), answer.error().map(ApiError::code).orElse(null));
  }

  /**
   * The wait before the attempt that follows attempt number {@code attemptNumber}.
   *
   * @param retryAfter what the server asked for, or null
   */
  Duration delayAfter(int attemptNumber, Duration retryAfter) {
    Duration backoff = jitteredBackoff(attemptNumber);
    if (retryAfter == null) {
      return backoff;
    }
    Duration asked = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
    return asked.compareTo(backoff) > 0 ? asked : backoff;
  }

  /** Full jitter: uniform in [0, ceiling]. */
  Duration jitteredBackoff(int attemptNumber) {
    long ceiling = backoffCeiling(attemptNumber).toNanos();
    return ceiling <= 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(ceiling + 1));
  }

  /**
   * initialBackoff · 2^(attemptNumber-1), capped by maxBackoff; saturates instead of overflowing.
   */
  Duration backoffCeiling(int attemptNumber) {
    long initial = initialBackoff.toNanos();
    long cap = maxBackoff.toNanos();
    int doublings = Math.clamp(attemptNumber - 1, 0, 62);
    long ceiling = initial > (cap >> doublings) ? cap : initial << doublings;
    return Duration.ofNanos(Math.min(ceiling, cap));
  }

  /**
   * The answer's Retry-After as a duration: delta-seconds or an HTTP-date (RFC 9110); null when
   * absent or unreadable. A date in the past means "now".
   */
  static Duration retryAfter(ApiResult answer, Instant now) {
    return answer.header("Retry-After").map(value -> parseRetryAfter(value, now)).orElse(null);
  }

  static Duration parseRetryAfter(String value, Instant now) {
    String text = value.strip();
    if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      // More than 19 digits cannot be a long; any such value is "longer than we will wait".
      return text.length() > 18 ? MAX_RETRY_AFTER : Duration.ofSeconds(Long.parseLong(text));
    }
    try {
      Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
