package com.oncepay.payment.model;

/** A refund: a refund operation of a payment, as the API and the events show it. */
public record Refund(Operation operation, Payment payment) {

  public Refund {
    if (operation.kind() != OperationKind.REFUND) {
      throw new IllegalArgumentException(operation.id() + " is not a refund");
    }
  }
}
