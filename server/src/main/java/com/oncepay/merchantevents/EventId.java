package com.oncepay.merchantevents;

import com.oncepay.ids.PrefixedIds;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A domain event's id; on the API and in every delivery it reads {@code evt_<uuid>}. It never
 * changes between delivery attempts, so a merchant dedupes by it.
 */
public record EventId(UUID value) {

  private static final String PREFIX = "evt_";

  public EventId {
    Objects.requireNonNull(value, "value");
  }

  /** Parses an API id; anything malformed is simply not an event of this merchant. */
  public static Optional<EventId> parse(String text) {
    return PrefixedIds.parse(PREFIX, text).map(EventId::new);
  }

  @Override
  public String toString() {
    return PREFIX + value;
  }
}
