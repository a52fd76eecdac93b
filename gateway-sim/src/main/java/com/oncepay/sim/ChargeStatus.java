package com.oncepay.sim;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a charge stands at the simulated gateway. */
public enum ChargeStatus {
  /** Accepted by an async payment method; settles later and announces it by webhook. */
  PENDING,
  AUTHORIZED,
  CAPTURED,
  VOIDED,
  REFUNDED,
  PARTIALLY_REFUNDED,
  DECLINED;

  /** The lower-case name used on the wire, e.g. {@code partially_refunded}. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
