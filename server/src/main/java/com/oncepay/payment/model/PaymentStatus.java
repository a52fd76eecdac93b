package com.oncepay.payment.model;

import com.oncepay.persistence.DbEnum;

public enum PaymentStatus implements DbEnum {
  PROCESSING,
  AUTHORIZED,
  CAPTURED,
  FAILED,
  VOIDED,
  REFUNDED,
  PARTIALLY_REFUNDED,
  /** The gateway call's outcome is not known yet (timeout, 5xx, crash); being resolved. */
  UNKNOWN;
}
