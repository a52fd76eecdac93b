package com.oncepay.doctor;

import java.util.Objects;

/**
 * What one check found: its status, what it saw (with the numbers), and how to fix it. An OK
 * finding has no fix.
 */
public record Finding(String name, Status status, String finding, String fix) {

  /** Ordered by severity, so the worst of several findings is their maximum. */
  public enum Status {
    OK,
    WARN,
    FAIL
  }

  public Finding {
    Objects.requireNonNull(name);
    Objects.requireNonNull(status);
    Objects.requireNonNull(finding);
    fix = fix == null ? "" : fix;
    if (status != Status.OK && fix.isBlank()) {
      throw new IllegalArgumentException(name + ": a WARN or FAIL must say how to fix it");
    }
  }

  static Finding ok(String name, String finding) {
    return new Finding(name, Status.OK, finding, "");
  }

  static Finding warn(String name, String finding, String fix) {
    return new Finding(name, Status.WARN, finding, fix);
  }

  static Finding fail(String name, String finding, String fix) {
    return new Finding(name, Status.FAIL, finding, fix);
  }
}
