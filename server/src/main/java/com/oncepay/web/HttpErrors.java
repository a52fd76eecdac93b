package com.oncepay.web;

import com.oncepay.error.ErrorCode;
import com.oncepay.error.Rejection;
import com.oncepay.idempotency.StoredAnswer;

/** The one place where an error code becomes an HTTP status and the error object's bytes. */
public final class HttpErrors {

  private HttpErrors() {}

  public static int status(ErrorCode code) {
    return switch (code) {
      case UNAUTHORIZED -> 401;
      case INVALID_JSON,
          PARAMETER_MISSING,
          PARAMETER_INVALID,
          PARAMETER_UNKNOWN,
          AMOUNT_INVALID,
          CURRENCY_INVALID,
          IDEMPOTENCY_KEY_MISSING,
          IDEMPOTENCY_KEY_INVALID,
          WEBHOOK_SIGNATURE_INVALID ->
          400;
      case CARD_DECLINED, GATEWAY_REJECTED -> 402;
      case NOT_FOUND -> 404;
      case METHOD_NOT_ALLOWED -> 405;
      case IDEMPOTENCY_KEY_IN_USE,
          CART_ALREADY_ORDERED,
          ORDER_BUSY,
          ORDER_ALREADY_PAID,
          ORDER_NOT_PAYABLE,
          PAYMENT_BUSY,
          INVALID_STATE ->
          409;
      case REQUEST_TOO_LARGE -> 413;
      case RATE_LIMITED -> 429;
      case UNSUPPORTED_MEDIA_TYPE -> 415;
      case IDEMPOTENCY_KEY_REUSED, AMOUNT_EXCEEDS_AUTHORIZED, AMOUNT_EXCEEDS_CAPTURED -> 422;
      case INTERNAL_ERROR -> 500;
      case SERVICE_UNAVAILABLE -> 503;
    };
  }

  /** {@code {"error": {"type", "code", "message", "param"}}} with the code's status. */
  public static StoredAnswer answer(Rejection rejection) {
    ErrorCode code = rejection.code();
    return new StoredAnswer(
        status(code),
        Json.write(
            new ErrorBody(
                new ErrorBody.Detail(
                    code.type(), code.code(), rejection.message(), rejection.param()))));
  }

  public static StoredAnswer answer(ErrorCode code, String message) {
    return answer(Rejection.of(code, message));
  }

  record ErrorBody(Detail error) {
    @com.fasterxml.jackson.annotation.JsonInclude(
        com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record Detail(String type, String code, String message, String param) {}
  }
}
