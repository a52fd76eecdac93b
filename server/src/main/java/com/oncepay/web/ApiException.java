package com.oncepay.web;

import java.time.Duration;

/**
 * The one root of the errors the API answers with. Thrown inside a claim transaction, it rolls the
 * transaction back, so the idempotency key is not consumed by a request that never ran.
 */
public class ApiException extends RuntimeException {

  private final ErrorCode code;
  private final String param;
  private final Duration retryAfter;

  public ApiException(ErrorCode code, String message) {
    this(code, message, null, null);
  }

  public ApiException(ErrorCode code, String message, String param) {
    this(code, message, param, null);
  }

  public ApiException(ErrorCode code, String message, String param, Duration retryAfter) {
    super(message);
    this.code = code;
    this.param = param;
    this.retryAfter = retryAfter;
  }

  public static ApiException retryLater(ErrorCode code, String message, Duration retryAfter) {
    return new ApiException(code, message, null, retryAfter);
  }

  public ErrorCode code() {
    return code;
  }

  public String param() {
    return param;
  }

  /** How long a client should wait before retrying, for retryable codes. */
  public Duration retryAfter() {
    if (retryAfter != null) {
      return retryAfter;
    }
    return code.retryable() ? Duration.ofSeconds(1) : null;
  }
}
