package com.oncepay.payment.claims;

import com.oncepay.merchant.MerchantId;
import com.oncepay.order.model.Order;
import com.oncepay.order.model.OrderId;
import com.oncepay.payment.model.OperationId;
import com.oncepay.payment.model.Payment;
import com.oncepay.payment.model.PaymentId;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * How a payment race is decided: each claim runs inside the request's claim transaction and either
 * wins (the updated row) or loses (empty; the caller reads the current state only to explain why).
 * Whatever the strategy, PostgreSQL decides with one guarded write; a strategy only chooses how
 * competing requests meet before it (not at all, on a row lock, on a version, on an advisory lock).
 * One implementation per {@link com.oncepay.config.OncepayProperties.Strategy}; {@code
 * ConcurrencyStrategyContractIT} runs every one through the same races.
 */
public interface ConcurrencyStrategy {

  /** pending_payment or payment_failed → payment_processing; one winner per attempt. */
  Optional<Order> claimOrder(MerchantId merchant, OrderId order, OffsetDateTime now);

  /** Marks a capture in flight, if the payment is authorized, idle, and covers the amount. */
  Optional<Payment> reserveCapture(
      MerchantId merchant,
      PaymentId payment,
      OperationId operation,
      long amount,
      OffsetDateTime now);

  /** Marks a void in flight, if the payment is authorized and idle. */
  Optional<Payment> reserveVoid(
      MerchantId merchant, PaymentId payment, OperationId operation, OffsetDateTime now);

  /**
   * Reserves {@code amount} of the captured money for a refund, if that much is still refundable.
   */
  Optional<Payment> reserveRefund(
      MerchantId merchant, PaymentId payment, long amount, OffsetDateTime now);
}
