package com.oncepay.client;

import java.time.Duration;

/**
 * The root of what a typed call throws once its retries are spent. The message names the call, the
 * error code and the Idempotency-Key: when {@link #retryable()} is true, the shop can retry the
 * same logical operation later with the same key (from {@link #idempotencyKey()}) and get exactly
 * one outcome.
 */
public abstract sealed class OncepayException extends RuntimeException
    permits OncepayApiException, OncepayConnectionException {

  private final int status;
  private final ApiError error;
  private final int attempts;
  private final Duration retryAfter;
  private final String idempotencyKey;
  private final boolean retryable;

  OncepayException(
      String message,
      Throwable cause,
      int status,
      ApiError error,
      int attempts,
      Duration retryAfter,
      String idempotencyKey,
      boolean retryable) {
    super(message, cause);
    this.status = status;
    this.error = error;
    this.attempts = attempts;
    this.retryAfter = retryAfter;
    this.idempotencyKey = idempotencyKey;
    this.retryable = retryable;
  }

  /** The HTTP status of the last answer, or -1 when no answer came. */
  public int status() {
    return status;
  }

  /** The error the server answered, or null (no answer, or a body that is not an API error). */
  public ApiError error() {
    return error;
  }

  /** The error code, such as {@code card_declined}, or null. */
  public String code() {
    return error == null ? null : error.code();
  }

  public int attempts() {
    return attempts;
  }

  /** The last answer's Retry-After, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** The key every attempt sent; null for GET calls, which carry none. */
  public String idempotencyKey() {
    return idempotencyKey;
  }

  /**
   * Whether the same call, with the same key, may succeed later: true after connection failures and
   * after busy or overload answers that outlasted the retries; false when the request needs a fix
   * or the answer is final (declined, already paid, …).
   */
  public boolean retryable() {
    return retryable;
  }

  static String describe(String method, String path, String idempotencyKey, int attempts) {
    return method
        + " "
        + path
        + (idempotencyKey == null ? "" : " (Idempotency-Key: " + idempotencyKey + ")")
        + " after "
        + attempts
        + (attempts == 1 ? " attempt" : " attempts");
  }
}
