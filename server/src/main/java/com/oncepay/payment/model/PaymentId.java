package com.oncepay.payment.model;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A payment's id; on the API it reads {@code pay_<uuid>}, and it is our reference at the gateway.
 */
public record PaymentId(UUID value) {

  private static final String PREFIX = "pay_";

  public PaymentId {
    Objects.requireNonNull(value, "value");
  }

  public static PaymentId random() {
    return new PaymentId(UUID.randomUUID());
  }

  public static Optional<PaymentId> parse(String text) {
    if (text == null || !text.startsWith(PREFIX)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new PaymentId(UUID.fromString(text.substring(PREFIX.length()))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return PREFIX + value;
  }
}
