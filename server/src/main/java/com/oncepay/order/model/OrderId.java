package com.oncepay.order.model;

import com.oncepay.ids.PrefixedIds;
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
    return PrefixedIds.parse(PREFIX, text).map(OrderId::new);
  }

  @Override
  public String toString() {
    return PREFIX + value;
  }
}
