package com.oncepay.merchant;

import java.time.OffsetDateTime;

/** A merchant: the tenant every order, payment and key belongs to. */
public record Merchant(MerchantId id, String name, OffsetDateTime createdAt) {}
