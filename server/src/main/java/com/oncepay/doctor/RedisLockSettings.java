package com.oncepay.doctor;

import java.net.URI;
import java.util.List;

/**
 * The Redis findings of {@code oncepay doctor}, for the {@code redis} strategy's start-up check:
 * the service refuses and warns on exactly what doctor reports, with the same words.
 */
public final class RedisLockSettings {

  private RedisLockSettings() {}

  /** Reachability, eviction policy and persistence of the Redis at {@code url}. */
  public static List<Finding> examine(URI url) {
    return new RedisProbe(url).run();
  }
}
