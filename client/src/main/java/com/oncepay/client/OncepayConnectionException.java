package com.oncepay.client;

/**
 * No answer came on any attempt: connection refused or dropped, or a timeout. The request may still
 * have been processed, so the outcome is unknown; retrying later with the same Idempotency-Key is
 * safe, because the server replays the first outcome instead of running the request twice.
 */
public final class OncepayConnectionException extends OncepayException {

  OncepayConnectionException(
      String method, String path, String idempotencyKey, int attempts, Throwable cause) {
    super(
        describe(method, path, idempotencyKey, attempts)
            + ": no answer ("
            + cause
            + ")"
            + (idempotencyKey == null
                ? ""
                : "; the outcome is unknown: retry later with the same Idempotency-Key"),
        cause,
        -1,
        null,
        attempts,
        null,
        idempotencyKey,
        true);
  }
}
