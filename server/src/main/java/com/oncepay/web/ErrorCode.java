package com.oncepay.web;

/**
 * Every error the API can answer, with its stable code, type and HTTP status. Codes are part of the
 * contract: clients branch on them, so they never change once released.
 */
public enum ErrorCode {
  // authentication
  UNAUTHORIZED("authentication_error", 401, false),
  // request shape
  INVALID_JSON("invalid_request_error", 400, false),
  PARAMETER_MISSING("invalid_request_error", 400, false),
  PARAMETER_INVALID("invalid_request_error", 400, false),
  PARAMETER_UNKNOWN("invalid_request_error", 400, false),
  AMOUNT_INVALID("invalid_request_error", 400, false),
  CURRENCY_INVALID("invalid_request_error", 400, false),
  REQUEST_TOO_LARGE("invalid_request_error", 413, false),
  UNSUPPORTED_MEDIA_TYPE("invalid_request_error", 415, false),
  NOT_FOUND("invalid_request_error", 404, false),
  METHOD_NOT_ALLOWED("invalid_request_error", 405, false),
  // idempotency
  IDEMPOTENCY_KEY_MISSING("idempotency_error", 400, false),
  IDEMPOTENCY_KEY_INVALID("idempotency_error", 400, false),
  IDEMPOTENCY_KEY_IN_USE("idempotency_error", 409, true),
  IDEMPOTENCY_KEY_REUSED("idempotency_error", 422, false),
  // orders
  CART_ALREADY_ORDERED("invalid_request_error", 409, false),
  ORDER_BUSY("conflict_error", 409, true),
  ORDER_ALREADY_PAID("invalid_request_error", 409, false),
  ORDER_NOT_PAYABLE("invalid_request_error", 409, false),
  // payments
  CARD_DECLINED("card_error", 402, false),
  PAYMENT_BUSY("conflict_error", 409, true),
  INVALID_STATE("invalid_request_error", 409, false),
  AMOUNT_EXCEEDS_AUTHORIZED("invalid_request_error", 422, false),
  AMOUNT_EXCEEDS_CAPTURED("invalid_request_error", 422, false),
  GATEWAY_REJECTED("api_error", 402, false),
  // webhooks from the gateway
  WEBHOOK_SIGNATURE_INVALID("invalid_request_error", 400, false),
  // infrastructure
  SERVICE_UNAVAILABLE("api_error", 503, true),
  INTERNAL_ERROR("api_error", 500, false);

  private final String type;
  private final int httpStatus;
  private final boolean retryable;

  ErrorCode(String type, int httpStatus, boolean retryable) {
    this.type = type;
    this.httpStatus = httpStatus;
    this.retryable = retryable;
  }

  /** The code as it appears in JSON: the constant's name in lower case. */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public String type() {
    return type;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** Whether the same request may succeed later unchanged; such answers carry Retry-After. */
  public boolean retryable() {
    return retryable;
  }
}
