package com.oncepay.payment.model;

import com.oncepay.merchant.MerchantId;
import com.oncepay.money.Money;
import com.oncepay.order.model.OrderId;
import java.time.OffsetDateTime;

public record Payment(
    PaymentId id,
    MerchantId merchant,
    OrderId orderId,
    PaymentStatus status,
    String paymentMethod,
    CaptureMethod captureMethod,
    Money amount,
    long amountAuthorized,
    long amountCaptured,
    long amountRefunded,
    long amountRefundPending,
    OperationId pendingOperation,
    String gatewayChargeId,
    String declineCode,
    long version,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  /** What may still be refunded, counting refunds in flight as spent. */
  public long refundable() {
    return amountCaptured - amountRefunded - amountRefundPending;
  }
}
