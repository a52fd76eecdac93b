package com.oncepay.payment.model;

import com.oncepay.merchant.MerchantId;
import java.time.OffsetDateTime;

public record Operation(
    OperationId id,
    MerchantId merchant,
    PaymentId paymentId,
    OperationKind kind,
    OperationStatus status,
    long amount,
    String gatewayRef,
    String failureCode,
    int attempts,
    OffsetDateTime leaseUntil,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {}
