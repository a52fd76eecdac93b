package com.oncepay.gateway;

/**
 * The port to a payment gateway. Every call carries the caller's stable idempotency key: an adapter
 * sends exactly that key on every try and never invents one, so the gateway executes each operation
 * at most once however often it is sent.
 */
public interface PaymentGateway {

  GatewayResult authorize(AuthorizeCall call);

  GatewayResult capture(CaptureCall call);

  GatewayResult voidCharge(VoidCall call);

  GatewayResult refund(RefundCall call);

  /**
   * Asks where a charge stands, for an authorization the gateway accepted as pending: approved
   * (captured or not), declined, or still pending. Nothing is sent that could act on it.
   */
  GatewayResult retrieve(String chargeId);

  /** Authorize (and, with {@code capture}, capture at once) {@code amount} on a payment method. */
  record AuthorizeCall(
      String idempotencyKey,
      String reference,
      String orderReference,
      long amount,
      String currency,
      String paymentMethod,
      boolean capture) {}

  record CaptureCall(String idempotencyKey, String chargeId, long amount) {}

  record VoidCall(String idempotencyKey, String chargeId) {}

  record RefundCall(String idempotencyKey, String chargeId, long amount) {}
}
