package com.oncepay.payment.model;

import com.oncepay.ids.PrefixedIds;
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
    return PrefixedIds.parse(PREFIX, text).map(PaymentId::new);
  }

  @Override
  public String toString() {
    return PREFIX + value;
  }
}
