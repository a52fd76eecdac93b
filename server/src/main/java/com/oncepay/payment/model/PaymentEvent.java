package com.oncepay.payment.model;

public enum PaymentEvent {
  AUTHORIZED,
  AUTHORIZED_AND_CAPTURED,
  DECLINED,
  OUTCOME_UNKNOWN,
  /** The gateway accepted and will settle later; its charge id is known. */
  GATEWAY_PENDING,
  CAPTURED,
  VOIDED,
  PARTIALLY_REFUNDED,
  FULLY_REFUNDED
}
