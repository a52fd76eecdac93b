package com.oncepay.lab.check;

import java.util.List;

/** An order as {@code GET /v1/orders/{id}} showed it, with its payments. */
public record OrderSnapshot(
    String id,
    String cartId,
    long amount,
    String currency,
    String status,
    long version,
    List<PaymentSnapshot> payments) {
  public OrderSnapshot {
    payments = List.copyOf(payments);
  }
}
