package com.oncepay.client;

/**
 * A refund of (part of) a captured payment.
 *
 * @param status {@code pending}, {@code succeeded} or {@code failed}
 * @param failureCode the gateway's reason when the refund failed, else null
 */
public record Refund(
    String id, String paymentId, long amount, String currency, String status, String failureCode) {}
