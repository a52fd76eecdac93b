package com.oncepay.ids;

import java.util.Optional;
import java.util.UUID;

/**
 * API ids are a type prefix and a UUID ({@code ord_…}, {@code pay_…}, {@code evt_…}). Anything
 * malformed is simply not an object of the caller's, so parsing answers empty rather than throwing.
 */
public final class PrefixedIds {

  private PrefixedIds() {}

  public static Optional<UUID> parse(String prefix, String text) {
    if (text == null || !text.startsWith(prefix)) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(text.substring(prefix.length())));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
