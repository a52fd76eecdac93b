package com.oncepay.client;

import java.util.Objects;

/**
 * The body of {@code POST /v1/orders/{id}/payments}.
 *
 * @param paymentMethod the gateway's payment method token, such as {@code pm_ok}
 * @param capture {@code "automatic"} or {@code "manual"}; null means the server default, automatic
 * @param async whether the server should answer 202 and authorize in the background
 */
public record PayRequest(String paymentMethod, String capture, boolean async) {

  public PayRequest {
    Objects.requireNonNull(paymentMethod, "paymentMethod");
  }

  /** Authorize and capture in one step. */
  public static PayRequest automatic(String paymentMethod) {
    return new PayRequest(paymentMethod, "automatic", false);
  }

  /** Authorize only; capture later with {@link OncepayClient#capture}. */
  public static PayRequest manual(String paymentMethod) {
    return new PayRequest(paymentMethod, "manual", false);
  }
}
