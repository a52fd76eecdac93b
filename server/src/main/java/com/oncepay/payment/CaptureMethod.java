package com.oncepay.payment;

import java.util.Locale;

public enum CaptureMethod {
  /** Authorize and capture in one gateway call. */
  AUTOMATIC,
  /** Authorize now; capture (or void) later through the API. */
  MANUAL;

  public String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static CaptureMethod fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
