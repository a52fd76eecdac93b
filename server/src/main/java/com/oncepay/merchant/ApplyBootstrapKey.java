package com.oncepay.merchant;

import com.oncepay.audit.Actor;
import com.oncepay.audit.AuditLog;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the bootstrap key (ONCEPAY_BOOTSTRAP_API_KEY, or serve's generated one) the bootstrap
 * merchant's key. A changed setting replaces the key, never adds a merchant: the new key is issued
 * to the merchant of the previous bootstrap key and the previous one is revoked at once (the
 * setting says which key is meant; to change keys without a gap, rotate through the operator API
 * instead). A revoked key is never brought back by a restart that still names it. Audited as {@link
 * Actor#BOOTSTRAP}.
 */
@Service
public class ApplyBootstrapKey {

  /** What start-up found. */
  public sealed interface Outcome {
    MerchantId merchant();

    /** The key works already; nothing changed. */
    record Current(MerchantId merchant) implements Outcome {}

    /** The key is new: issued, replacing {@code revoked} earlier bootstrap keys. */
    record Replaced(MerchantId merchant, int revoked, boolean merchantCreated) implements Outcome {}

    /** The key was revoked (by an operator): it stays revoked, and does not authenticate. */
    record Revoked(MerchantId merchant) implements Outcome {}
  }

  private final MerchantRepository merchants;
  private final AuditLog audit;
  private final TransactionTemplate tx;

  ApplyBootstrapKey(MerchantRepository merchants, AuditLog audit, TransactionTemplate tx) {
    this.merchants = merchants;
    this.audit = audit;
    this.tx = tx;
  }

  public Outcome apply(String apiKey) {
    return tx.execute(
        status -> {
          merchants.lockBootstrap();
          var existing = merchants.keyByHash(ApiKeys.hash(apiKey));
          if (existing.isPresent()) {
            ApiKey key = existing.get();
            return key.revokedAt() != null
                ? new Outcome.Revoked(key.merchant())
                : new Outcome.Current(key.merchant());
          }
          var previous = merchants.bootstrapMerchant();
          MerchantId merchant = previous.orElseGet(() -> merchants.createMerchant("default"));
          if (previous.isEmpty()) {
            audit.record(
                Actor.BOOTSTRAP,
                "merchant.created",
                "merchant",
                merchant.value().toString(),
                merchant.value(),
                Map.of("name", "default"));
          }
          ApiKey key =
              merchants.insertKey(merchant, apiKey, ApiKey.Origin.BOOTSTRAP, null).orElseThrow();
          audit.record(
              Actor.BOOTSTRAP,
              "api_key.issued",
              "api_key",
              key.id().value().toString(),
              merchant.value(),
              Map.of("origin", "bootstrap"));
          var replaced = merchants.otherLiveBootstrapKeys(merchant, key.id());
          for (ApiKey old : replaced) {
            merchants.revoke(merchant, old.id());
            audit.record(
                Actor.BOOTSTRAP,
                "api_key.revoked",
                "api_key",
                old.id().value().toString(),
                merchant.value(),
                Map.of("reason", "bootstrap key replaced", "replaced_by", key.id().value()));
          }
          return new Outcome.Replaced(merchant, replaced.size(), previous.isEmpty());
        });
  }
}
