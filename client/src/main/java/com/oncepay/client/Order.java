package com.oncepay.client;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An order as the server shows it. {@code payments} is filled by {@link OncepayClient#getOrder} and
 * empty in the answer to {@link OncepayClient#placeOrder}, which does not carry payments.
 *
 * @param status {@code pending_payment}, {@code payment_processing}, {@code authorized}, {@code
 *     paid}, {@code payment_failed}, {@code canceled}, {@code refunded} or {@code
 *     partially_refunded}
 * @param metadata never null: empty when the order has none
 * @param payments never null: empty when the answer carries none
 */
public record Order(
    String id,
    String cartId,
    long amount,
    String currency,
    String status,
    String customerEmail,
    Map<String, String> metadata,
    long version,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    List<Payment> payments) {

  public Order {
    metadata =
        metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    payments = payments == null ? List.of() : List.copyOf(payments);
  }
}
