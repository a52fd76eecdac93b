package com.oncepay.payment;

import java.util.Locale;

public enum OperationKind {
  AUTHORIZE,
  CAPTURE,
  VOID,
  REFUND;

  public String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static OperationKind fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
