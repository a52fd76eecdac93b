package com.oncepay.liveness;

import java.net.InetAddress;
import java.util.UUID;

/**
 * This process among the instances sharing the database: {@code host:pid:random}, new at every
 * start, so a restarted instance never mistakes the dead one's work for its own.
 */
public record InstanceId(String value) {

  public static InstanceId create() {
    return new InstanceId(
        hostName()
            + ":"
            + ProcessHandle.current().pid()
            + ":"
            + UUID.randomUUID().toString().substring(0, 8));
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "oncepay";
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
