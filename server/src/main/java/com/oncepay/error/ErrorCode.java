package com.oncepay.error;

import java.util.Locale;

/**
 * Every error oncepay can answer, with its stable code and type. Codes are part of the contract:
 * clients branch on them, so they never change once released. The HTTP status of each is decided
 * once, at the web edge ({@code com.oncepay.web.HttpErrors}); the domain speaks no HTTP.
 */
public enum ErrorCode {
  // authentication
  UNAUTHORIZED("authentication_error", false),
  /** Too many failed authentications from one client address; Retry-After says when to retry. */
  RATE_LIMITED("rate_limit_error", true),
  // request shape
  INVALID_JSON("invalid_request_error", false),
  PARAMETER_MISSING("invalid_request_error", false),
  PARAMETER_INVALID("invalid_request_error", false),
  PARAMETER_UNKNOWN("invalid_request_error", false),
  AMOUNT_INVALID("invalid_request_error", false),
  CURRENCY_INVALID("invalid_request_error", false),
  REQUEST_TOO_LARGE("invalid_request_error", false),
  UNSUPPORTED_MEDIA_TYPE("invalid_request_error", false),
  NOT_FOUND("invalid_request_error", false),
  METHOD_NOT_ALLOWED("invalid_request_error", false),
  // idempotency
  IDEMPOTENCY_KEY_MISSING("idempotency_error", false),
  IDEMPOTENCY_KEY_INVALID("idempotency_error", false),
  IDEMPOTENCY_KEY_IN_USE("idempotency_error", true),
  IDEMPOTENCY_KEY_REUSED("idempotency_error", false),
  // orders
  CART_ALREADY_ORDERED("invalid_request_error", false),
  ORDER_BUSY("conflict_error", true),
  ORDER_ALREADY_PAID("invalid_request_error", false),
  ORDER_NOT_PAYABLE("invalid_request_error", false),
  // payments
  CARD_DECLINED("card_error", false),
  PAYMENT_BUSY("conflict_error", true),
  INVALID_STATE("invalid_request_error", false),
  AMOUNT_EXCEEDS_AUTHORIZED("invalid_request_error", false),
  AMOUNT_EXCEEDS_CAPTURED("invalid_request_error", false),
  GATEWAY_REJECTED("api_error", false),
  // webhooks from the gateway
  WEBHOOK_SIGNATURE_INVALID("invalid_request_error", false),
  // infrastructure
  SERVICE_UNAVAILABLE("api_error", true),
  INTERNAL_ERROR("api_error", false);

  private final String type;
  private final boolean retryable;

  ErrorCode(String type, boolean retryable) {
    this.type = type;
    this.retryable = retryable;
  }

  /** The code as it appears in JSON: the constant's name in lower case. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String type() {
    return type;
  }

  /** Whether the same request may succeed later unchanged; such answers carry Retry-After. */
  public boolean retryable() {
    return retryable;
  }
}
