package com.oncepay.sim;

import java.util.Currency;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/** A validated {@code POST /v1/charges} body. */
record NewCharge(
    long amount,
    String currency,
    PaymentMethod method,
    boolean capture,
    String reference,
    String orderReference) {

  static NewCharge parse(ObjectNode body) {
    long amount = Json.positiveLong(body, "amount");
    String currency = currency(Json.string(body, "currency"));
    String methodName = Json.string(body, "payment_method");
    PaymentMethod method =
        PaymentMethod.fromWire(methodName)
            .orElseThrow(
                () ->
                    new Rejection(
                        new ApiError(
                            400,
                            "invalid_payment_method",
                            "unknown payment_method " + methodName)));
    boolean capture = Json.optionalBoolean(body, "capture", true);
    String reference = Json.string(body, "reference");
    String orderReference = Json.optionalString(body, "order_reference");
    return new NewCharge(amount, currency, method, capture, reference, orderReference);
  }

  /** ISO-4217 code, accepted in any case and answered in upper case. */
  private static String currency(String raw) {
    String code = raw.toUpperCase(Locale.ROOT);
    try {
      if (code.length() == 3) {
        return Currency.getInstance(code).getCurrencyCode();
      }
    } catch (IllegalArgumentException e) {
      // fall through to the rejection below
    }
    throw new Rejection(ApiError.invalidRequest("currency must be an ISO-4217 code, was " + raw));
  }
}
