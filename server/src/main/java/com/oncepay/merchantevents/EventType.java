package com.oncepay.merchantevents;

/** The events merchants receive. Each happens at most once per object. */
public enum EventType {
  ORDER_CREATED("order.created"),
  ORDER_AUTHORIZED("order.authorized"),
  ORDER_PAID("order.paid"),
  ORDER_CANCELED("order.canceled"),
  ORDER_REFUNDED("order.refunded"),
  PAYMENT_AUTHORIZED("payment.authorized"),
  PAYMENT_CAPTURED("payment.captured"),
  PAYMENT_FAILED("payment.failed"),
  PAYMENT_VOIDED("payment.voided"),
  PAYMENT_REFUNDED("payment.refunded"),
  PAYMENT_REFUND_FAILED("payment.refund_failed");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
