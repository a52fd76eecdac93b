package com.oncepay.merchant;

import com.oncepay.audit.Actor;
import com.oncepay.audit.AuditLog;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Revokes a key at once. Idempotent: revoking a revoked key answers it as it is and records
 * nothing. Every instance refuses the key within a second (merchant.ApiKeyAuthenticator).
 */
@Service
public class RevokeApiKey {

  private final MerchantRepository merchants;
  private final AuditLog audit;
  private final TransactionTemplate tx;
  private final ObjectProvider<ApiKeyAuthenticator> cache;

  RevokeApiKey(
      MerchantRepository merchants,
      AuditLog audit,
      TransactionTemplate tx,
      ObjectProvider<ApiKeyAuthenticator> cache) {
    this.merchants = merchants;
    this.audit = audit;
    this.tx = tx;
    this.cache = cache;
  }

  /** The key after revocation; empty when the merchant has no such key. */
  public Optional<ApiKey> revoke(Actor actor, MerchantId merchant, ApiKeyId key) {
    Optional<ApiKey> after =
        tx.execute(
            status -> {
              if (merchants.revoke(merchant, key)) {
                audit.record(
                    actor,
                    "api_key.revoked",
                    "api_key",
                    key.value().toString(),
                    merchant.value(),
                    Map.of());
              }
              return merchants.key(merchant, key);
            });
    // Here at once; other instances when they hear the NOTIFY (within a second).
    cache.ifAvailable(ApiKeyAuthenticator::invalidateAll);
    return after;
  }
}
