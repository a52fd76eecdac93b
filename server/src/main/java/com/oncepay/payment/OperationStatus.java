package com.oncepay.payment;

import java.util.Locale;

public enum OperationStatus {
  PROCESSING,
  SUCCEEDED,
  FAILED,
  /** Sent, outcome not known: resolved by re-sending with the same gateway key. */
  UNKNOWN;

  public String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static OperationStatus fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  public boolean settled() {
    return this == SUCCEEDED || this == FAILED;
  }
}
