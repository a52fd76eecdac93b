package com.oncepay.lab.check;

import java.util.List;
import java.util.Objects;

/** One broken invariant, with every id a person needs to find it in logs and databases. */
public record Anomaly(AnomalyCategory category, String message, List<String> ids) {
  public Anomaly {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(message, "message");
    ids = List.copyOf(ids);
  }

  public static Anomaly of(AnomalyCategory category, String message, String... ids) {
    return new Anomaly(category, message, List.of(ids));
  }
}
