package com.oncepay.merchant;

import java.util.Objects;
import java.util.UUID;

/** The merchant every row belongs to; all queries are scoped by it. */
public record MerchantId(UUID value) {
  public MerchantId {
    Objects.requireNonNull(value, "value");
  }
}
