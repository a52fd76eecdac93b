package com.oncepay.error;

import java.util.Objects;

/**
 * A definite "no" to a request, as a value: the code, a message for the developer reading it, and
 * the parameter at fault, if any. Business rejections are results, stored with the idempotency key
 * so a retry replays them; {@link OncepayException} carries one when it must be thrown instead.
 */
public record Rejection(ErrorCode code, String message, String param) {

  public Rejection {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  public static Rejection of(ErrorCode code, String message) {
    return new Rejection(code, message, null);
  }
}
