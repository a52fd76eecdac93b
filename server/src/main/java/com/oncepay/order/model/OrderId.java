package com.oncepay.order.model;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** An order's id; on the API it reads {@code ord_<uuid>}. */
public record OrderId(UUID value) {

  private static final String PREFIX = "ord_";

  public OrderId {
    Objects.requireNonNull(value, "value");
  }

  public static OrderId random() {
    return new OrderId(UUID.randomUUID());
  }

  /** Parses an API id; anything malformed is simply not an order of this merchant. */
  public static Optional<OrderId> parse(String text) {
    if (text == null || !text.startsWith(PREFIX)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new OrderId(UUID.fromString(text.substring(PREFIX.length()))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return PREFIX + value;
  }
}
