package com.oncepay.error;

import java.time.Duration;

/**
 * The one root of the errors oncepay answers with. Thrown inside a claim transaction it rolls the
 * transaction back, so the idempotency key is not consumed by a request that never ran. The web
 * edge maps its code to an HTTP status once.
 */
public class OncepayException extends RuntimeException {

  private final Rejection rejection;
  private final Duration retryAfter;

  public OncepayException(ErrorCode code, String message) {
    this(new Rejection(code, message, null), null);
  }

  public OncepayException(ErrorCode code, String message, String param) {
    this(new Rejection(code, message, param), null);
  }

  public OncepayException(Rejection rejection, Duration retryAfter) {
    // An answer, not a fault: no stack trace. Filling one in walks the request's whole stack
    // (Tomcat, the filters, Spring, the application) for every busy or refused request, and the web
    // edge only ever writes the code and the message.
    super(rejection.message(), null, false, false);
    this.rejection = rejection;
    this.retryAfter = retryAfter;
  }

  /** A transient refusal: the same request may succeed after {@code retryAfter}. */
  public static OncepayException retryLater(ErrorCode code, String message, Duration retryAfter) {
    return new OncepayException(new Rejection(code, message, null), retryAfter);
  }

  public Rejection rejection() {
    return rejection;
  }

  public ErrorCode code() {
    return rejection.code();
  }

  /** How long a client should wait before retrying, for retryable codes. */
  public Duration retryAfter() {
    if (retryAfter != null) {
      return retryAfter;
    }
    return rejection.code().retryable() ? Duration.ofSeconds(1) : null;
  }
}
