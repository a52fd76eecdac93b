package com.oncepay.payment;

import java.util.Locale;

public enum PaymentStatus {
  PROCESSING,
  AUTHORIZED,
  CAPTURED,
  FAILED,
  VOIDED,
  REFUNDED,
  PARTIALLY_REFUNDED,
  /** The gateway call's outcome is not known yet (timeout, 5xx, crash); being resolved. */
  UNKNOWN;

  public String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static PaymentStatus fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
