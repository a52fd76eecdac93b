package com.oncepay.doctor;

/** Runs one probe so that a failure to look is a finding of its own, not the end of the run. */
final class Checks {

  private Checks() {}

  @FunctionalInterface
  interface Probe {
    Finding run() throws Exception;
  }

  static Finding attempt(String name, Probe probe) {
    try {
      return probe.run();
    } catch (Exception e) {
      return Finding.warn(
          name,
          "could not check: " + message(e),
          "make sure doctor can read it with the deployment's credentials (for PostgreSQL's"
              + " statistics: GRANT pg_monitor TO <user>), then run it again");
    }
  }

  /** The first cause with something to say; a bare ConnectException says nothing itself. */
  static String message(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage().strip();
      }
    }
    return e instanceof java.net.ConnectException
        ? "connection refused"
        : e.getClass().getSimpleName();
  }
}
