package com.oncepay.order.model;

import com.oncepay.persistence.DbEnum;

public enum OrderStatus implements DbEnum {
  PENDING_PAYMENT,
  PAYMENT_PROCESSING,
  AUTHORIZED,
  PAID,
  PAYMENT_FAILED,
  CANCELED,
  REFUNDED,
  PARTIALLY_REFUNDED
}
