package com.oncepay.gateway;

/** What a gateway call decided. Only {@link Declined} means "definitely not processed". */
public sealed interface GatewayResult {

  /**
   * The gateway did it. {@code reference} is the charge id (authorize) or refund id (refund);
   * {@code captured} tells whether an authorization was captured in the same call.
   */
  record Approved(String reference, boolean captured) implements GatewayResult {}

  /** The gateway refused; nothing was charged or changed. */
  record Declined(String code, String reference) implements GatewayResult {}

  /** Accepted, settles later (the gateway will send a webhook); {@code reference} is known. */
  record Pending(String reference) implements GatewayResult {}

  /**
   * Timeout, 5xx, I/O error, or an answer we cannot read: it may or may not have happened. Never
   * treated as a failure; resolved by re-sending with the same key.
   */
  record Unknown(String reason) implements GatewayResult {}
}
