package com.oncepay.sim;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A snapshot of one charge as the gateway answers it. Amounts are minor units of {@code currency}.
 *
 * @param reference the caller's reference (oncepay's payment id)
 * @param orderReference the caller's order id, or null
 * @param declineCode {@code card_declined} for a declined charge, otherwise null
 * @param created unix seconds
 */
@JsonPropertyOrder({
  "id",
  "object",
  "reference",
  "order_reference",
  "amount",
  "currency",
  "payment_method",
  "status",
  "amount_captured",
  "amount_refunded",
  "decline_code",
  "created"
})
public record Charge(
    String id,
    String reference,
    String orderReference,
    long amount,
    String currency,
    String paymentMethod,
    ChargeStatus status,
    long amountCaptured,
    long amountRefunded,
    String declineCode,
    long created) {

  /** Stripe-style type tag, always {@code charge}. */
  @JsonProperty("object")
  public String object() {
    return "charge";
  }
}
