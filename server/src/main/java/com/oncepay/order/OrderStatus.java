package com.oncepay.order;

import java.util.Locale;

public enum OrderStatus {
  PENDING_PAYMENT,
  PAYMENT_PROCESSING,
  AUTHORIZED,
  PAID,
  PAYMENT_FAILED,
  CANCELED,
  REFUNDED,
  PARTIALLY_REFUNDED;

  public String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static OrderStatus fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
