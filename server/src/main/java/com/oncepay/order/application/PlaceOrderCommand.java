package com.oncepay.order.application;

import com.oncepay.merchant.MerchantId;
import com.oncepay.money.Money;
import java.util.Objects;

/** A validated request to turn a cart into an order. */
public record PlaceOrderCommand(
    MerchantId merchant, String cartId, Money amount, String customerEmail, String metadataJson) {

  public PlaceOrderCommand {
    Objects.requireNonNull(merchant, "merchant");
    Objects.requireNonNull(amount, "amount");
    if (cartId == null || cartId.isBlank() || cartId.length() > 255) {
      throw new IllegalArgumentException("cart_id must be 1..255 characters");
    }
  }
}
