package com.oncepay.sim;

/**
 * Unwinds request parsing to the one place that answers it. Only for malformed or invalid requests,
 * which are answered without processing and never stored for idempotency; business refusals such as
 * {@code invalid_state} are results ({@link ChargeRecord.Change}), not exceptions.
 */
final class Rejection extends RuntimeException {

  private final ApiError error;

  Rejection(ApiError error) {
    super(error.code() + ": " + error.message(), null, false, false);
    this.error = error;
  }

  ApiError error() {
    return error;
  }
}
