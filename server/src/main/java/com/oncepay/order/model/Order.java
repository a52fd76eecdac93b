package com.oncepay.order.model;

import com.oncepay.merchant.MerchantId;
import com.oncepay.money.Money;
import java.time.OffsetDateTime;

public record Order(
    OrderId id,
    MerchantId merchant,
    String cartId,
    Money amount,
    String customerEmail,
    String metadataJson,
    OrderStatus status,
    long version,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {}
