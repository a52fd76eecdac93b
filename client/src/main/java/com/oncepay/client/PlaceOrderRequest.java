package com.oncepay.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The body of {@code POST /v1/orders}. Amounts are integer minor units (1050 = 10.50 EUR). Value
 * rules (amount range, currency list, e-mail shape) are the server's to enforce, so they live in
 * one place; only missing required fields are rejected here.
 *
 * @param customerEmail optional; omitted from the JSON when null
 * @param metadata optional flat string map; omitted from the JSON when null
 */
public record PlaceOrderRequest(
    String cartId,
    long amount,
    String currency,
    String customerEmail,
    Map<String, String> metadata) {

  public PlaceOrderRequest {
    Objects.requireNonNull(cartId, "cartId");
    Objects.requireNonNull(currency, "currency");
    // Insertion order is kept so that the same request always serialises to the same bytes.
    metadata = metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  public PlaceOrderRequest(String cartId, long amount, String currency) {
    this(cartId, amount, currency, null, null);
  }
}
