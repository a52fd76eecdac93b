package com.oncepay.payment.model;

import java.util.Objects;
import java.util.UUID;

/**
 * One call we make to the gateway. Its {@link #gatewayKey()} is the idempotency key the gateway
 * sees on every try and every recovery of this operation, and never on any other.
 */
public record OperationId(UUID value) {

  public OperationId {
    Objects.requireNonNull(value, "value");
  }

  public static OperationId random() {
    return new OperationId(UUID.randomUUID());
  }

  public String gatewayKey() {
    return "oncepay_op_" + value;
  }

  /** Refunds are operations; their API id is {@code re_<uuid>}. */
  public String refundId() {
    return "re_" + value;
  }

  @Override
  public String toString() {
    return "op_" + value;
  }
}
