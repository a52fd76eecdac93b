package com.oncepay.doctor;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The Redis findings of {@code oncepay doctor}, for the {@code redis} strategy's start-up check:
 * the service refuses and warns on exactly what doctor reports, with the same words.
 */
public final class RedisLockSettings {

  private RedisLockSettings() {}

  /**
   * Reachability, eviction policy and persistence of the Redis at {@code url}, each answer awaited
   * up to {@code timeout} (start-up can be slow on a busy machine; doctor itself waits 2 s).
   */
  public static List<Finding> examine(URI url, Duration timeout) {
    return new RedisProbe(url, timeout).run();
  }
}
