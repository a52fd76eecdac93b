package com.oncepay.order.web;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.oncepay.order.model.Order;
import java.time.OffsetDateTime;

/** An order as the API shows it. Field order is fixed: stored responses replay byte for byte. */
public record OrderView(
    String id,
    String object,
    String cartId,
    long amount,
    String currency,
    String status,
    String customerEmail,
    @JsonRawValue String metadata,
    long version,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  public static OrderView of(Order order) {
    return new OrderView(
        order.id().toString(),
        "order",
        order.cartId(),
        order.amount().minor(),
        order.amount().currencyCode(),
        order.status().dbName(),
        order.customerEmail(),
        order.metadataJson(),
        order.version(),
        order.createdAt(),
        order.updatedAt());
  }
}
