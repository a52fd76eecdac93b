package com.oncepay.merchant;

import java.time.Instant;

/**
 * A key that authenticated: whose merchant it is, and until when it may (null: until revoked). A
 * revoked key is never one; an expired one is refused by {@link #validAt}.
 */
public record AuthenticatedKey(ApiKeyId id, MerchantId merchant, Instant expiresAt) {

  public boolean validAt(Instant now) {
    return expiresAt == null || now.isBefore(expiresAt);
  }
}
