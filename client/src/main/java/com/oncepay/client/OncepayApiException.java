package com.oncepay.client;

import java.time.Duration;

/**
 * The server answered with an error: one that retrying cannot fix (400, 402 card_declined, 404, 409
 * order_already_paid, 422, …), or a busy or overload answer that lasted through every attempt.
 */
public final class OncepayApiException extends OncepayException {

  OncepayApiException(
      String method,
      String path,
      String idempotencyKey,
      ApiResult last,
      Duration retryAfter,
      boolean retryable) {
    this(
        message(method, path, idempotencyKey, last, retryable),
        null,
        last.status(),
        last.error().orElse(null),
        last.attempts(),
        retryAfter,
        idempotencyKey,
        retryable);
  }

  private OncepayApiException(
      String message,
      Throwable cause,
      int status,
      ApiError error,
      int attempts,
      Duration retryAfter,
      String idempotencyKey,
      boolean retryable) {
    super(message, cause, status, error, attempts, retryAfter, idempotencyKey, retryable);
  }

  /** A success status whose body is not the expected JSON: a server or proxy fault. */
  static OncepayApiException unreadable(
      String method, String path, String idempotencyKey, ApiResult last, RuntimeException cause) {
    return new OncepayApiException(
        describe(method, path, idempotencyKey, last.attempts())
            + ": answered "
            + last.status()
            + " with a body this client cannot read",
        cause,
        last.status(),
        null,
        last.attempts(),
        null,
        idempotencyKey,
        false);
  }

  private static String message(
      String method, String path, String idempotencyKey, ApiResult last, boolean retryable) {
    StringBuilder text =
        new StringBuilder(describe(method, path, idempotencyKey, last.attempts()))
            .append(": answered ")
            .append(last.status());
    last.error()
        .ifPresent(
            error -> {
              text.append(' ').append(error.code());
              if (error.message() != null) {
                text.append(" (").append(error.message()).append(')');
              }
            });
    if (retryable && idempotencyKey != null) {
      text.append("; retry later with the same Idempotency-Key");
    }
    return text.toString();
  }
}
