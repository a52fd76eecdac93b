package com.oncepay.order.application;

import com.oncepay.order.model.Order;

/** What placing an order came to. Each is a definite answer, stored with the idempotency key. */
public sealed interface PlaceOrderResult {

  /** The cart had no order: this is it. */
  record Created(Order order) implements PlaceOrderResult {}

  /** The cart already had this order, for the same amount and currency: the same order again. */
  record Existing(Order order) implements PlaceOrderResult {}

  /** The cart already has an order for a different amount or currency. */
  record CartConflict(Order existing) implements PlaceOrderResult {}
}
