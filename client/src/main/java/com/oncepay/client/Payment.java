package com.oncepay.client;

/**
 * A payment as the server shows it. Amounts are integer minor units in {@code currency}.
 *
 * @param status {@code processing}, {@code authorized}, {@code captured}, {@code failed}, {@code
 *     voided}, {@code refunded}, {@code partially_refunded} or {@code unknown} (being resolved)
 * @param declineCode the gateway's reason when the payment failed, else null
 * @param pendingOperation the operation in flight on this payment, else null
 */
public record Payment(
    String id,
    String orderId,
    String status,
    long amount,
    String currency,
    long amountAuthorized,
    long amountCaptured,
    long amountRefunded,
    long amountRefundPending,
    String paymentMethod,
    String captureMethod,
    String declineCode,
    String pendingOperation,
    String gatewayChargeId,
    long version) {}
