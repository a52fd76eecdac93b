package com.oncepay.lab.spawn;

import com.oncepay.lab.scenario.Faults;
import java.net.URI;
import java.nio.file.Path;

/** What {@code --spawn} started: where to send traffic, the simulator, the key, and the faults. */
public interface Stack {

  /** Where every scenario's traffic goes: the server, or the balancer in front of the instances. */
  URI serverUrl();

  URI simulatorUrl();

  String apiKey();

  Path dir();

  /**
   * The operator credential the spawned servers were given ({@code ONCEPAY_OPERATOR_TOKEN}): it
   * opens their {@code /actuator/prometheus}, which the reports read.
   */
  String operatorToken();

  /** One sentence for the report's notes. */
  String description();

  /**
   * API requests ({@code /v1/…}) each instance served since it last started, from its {@code
   * http_server_requests} counters, by instance name; empty for a single server. Read before {@link
   * #close}: it shows that the balancer spread the traffic.
   */
  default java.util.SortedMap<String, Long> requestsByInstance() {
    return new java.util.TreeMap<>();
  }

  /** What chaos may break, or null when this stack is not a topology. */
  Faults faults();

  /**
   * Stops every process it started, by PID; deletes the directory unless asked to keep it or a
   * process had to be killed.
   *
   * @return whether the directory was kept
   */
  boolean close(boolean keep);
}
