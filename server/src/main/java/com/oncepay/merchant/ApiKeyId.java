package com.oncepay.merchant;

import java.util.Objects;
import java.util.UUID;

/** One API key of a merchant (a merchant may hold several). */
public record ApiKeyId(UUID value) {
  public ApiKeyId {
    Objects.requireNonNull(value, "value");
  }
}
