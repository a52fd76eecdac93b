package com.oncepay.merchant;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * An API key as stored, without the key itself (only its hash is kept, and that is not shown).
 *
 * @param prefix the key's first characters; null for a key migrated from before keys had a table
 * @param expiresAt when the key stops working (set by a rotation's overlap), or null
 * @param replacedBy the key a rotation issued in this one's place, or null
 */
public record ApiKey(
    ApiKeyId id,
    MerchantId merchant,
    String prefix,
    Origin origin,
    OffsetDateTime createdAt,
    OffsetDateTime expiresAt,
    OffsetDateTime revokedAt,
    ApiKeyId replacedBy) {

  /** Where a key came from. */
  public enum Origin {
    /** ONCEPAY_BOOTSTRAP_API_KEY or serve's generated key: replaced when that setting changes. */
    BOOTSTRAP,
    /** Issued through the operator API. */
    OPERATOR;

    String dbName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Origin of(String dbName) {
      return valueOf(dbName.toUpperCase(java.util.Locale.ROOT));
    }
  }

  /** What a key is worth at {@code now}. */
  public enum Status {
    ACTIVE,
    EXPIRED,
    REVOKED
  }

  public Status status(Instant now) {
    if (revokedAt != null) {
      return Status.REVOKED;
    }
    if (expiresAt != null && !now.isBefore(expiresAt.toInstant())) {
      return Status.EXPIRED;
    }
    return Status.ACTIVE;
  }
}
