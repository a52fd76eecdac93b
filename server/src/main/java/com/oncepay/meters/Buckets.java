package com.oncepay.meters;

import java.time.Duration;
import java.util.Arrays;

/** Histogram bucket boundaries (Micrometer's service-level objectives), written as milliseconds. */
public final class Buckets {

  private Buckets() {}

  public static Duration[] ofMillis(long... boundaries) {
    return Arrays.stream(boundaries).mapToObj(Duration::ofMillis).toArray(Duration[]::new);
  }
}
