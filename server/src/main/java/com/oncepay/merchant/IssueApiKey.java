package com.oncepay.merchant;

import com.oncepay.audit.Actor;
import com.oncepay.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** A new key for a merchant, shown once in the result; audited (without the key). */
@Service
public class IssueApiKey {

  private final MerchantRepository merchants;
  private final AuditLog audit;
  private final TransactionTemplate tx;
  private final Clock clock;

  IssueApiKey(MerchantRepository merchants, AuditLog audit, TransactionTemplate tx, Clock clock) {
    this.merchants = merchants;
    this.audit = audit;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * @param expiresIn how long the key works, or null for until revoked
   * @return empty when there is no such merchant
   */
  public Optional<IssuedKey> issue(Actor actor, MerchantId merchant, Duration expiresIn) {
    return tx.execute(
        status -> {
          if (merchants.findMerchant(merchant).isEmpty()) {
            return Optional.empty();
          }
          OffsetDateTime expires =
              expiresIn == null
                  ? null
                  : OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).plus(expiresIn);
          return Optional.of(issueIn(merchants, audit, actor, merchant, expires, null));
        });
  }

  /** Inside the caller's transaction: a generated key, stored and audited. */
  static IssuedKey issueIn(
      MerchantRepository merchants,
      AuditLog audit,
      Actor actor,
      MerchantId merchant,
      OffsetDateTime expires,
      ApiKeyId replacing) {
    String secret = ApiKeys.generate();
    ApiKey stored =
        merchants.insertKey(merchant, secret, ApiKey.Origin.OPERATOR, expires).orElseThrow();
    Map<String, Object> details = new HashMap<>();
    details.put("prefix", stored.prefix());
    if (expires != null) {
      details.put("expires_at", expires.toString());
    }
    if (replacing != null) {
      details.put("replacing", replacing.value().toString());
    }
    audit.record(
        actor,
        "api_key.issued",
        "api_key",
        stored.id().value().toString(),
        merchant.value(),
        details);
    return new IssuedKey(stored, secret);
  }
}
