package com.oncepay.lab.check;

/** A refund as the API showed it: {@code succeeded}, {@code failed} or {@code pending}. */
public record RefundSnapshot(String id, String paymentId, long amount, String status) {

  public boolean succeeded() {
    return status.equals("succeeded");
  }
}
