package com.oncepay.merchant;

import com.oncepay.audit.Actor;
import com.oncepay.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues a key in place of a working one, which keeps working for an overlap (so a shop can deploy
 * the new key first) and then expires. A key is rotated once: of two rotations at once, one wins
 * and the other is answered {@link Result.NotActive}, so there are never two replacements.
 */
@Service
public class RotateApiKey {

  /** Longer than this, a replaced (perhaps leaked) key stays valid for too long. */
  public static final Duration MAX_OVERLAP = Duration.ofDays(7);

  public static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);

  /** What a rotation came to. */
  public sealed interface Result {
    record Rotated(IssuedKey replacement, ApiKey replaced) implements Result {}

    record NotFound() implements Result {}

    /** Revoked, expired or rotated already. */
    record NotActive(ApiKey key) implements Result {}
  }

  private final MerchantRepository merchants;
  private final AuditLog audit;
  private final TransactionTemplate tx;
  private final ObjectProvider<ApiKeyAuthenticator> cache;
  private final Clock clock;

  RotateApiKey(
      MerchantRepository merchants,
      AuditLog audit,
      TransactionTemplate tx,
      ObjectProvider<ApiKeyAuthenticator> cache,
      Clock clock) {
    this.merchants = merchants;
    this.audit = audit;
    this.tx = tx;
    this.cache = cache;
    this.clock = clock;
  }

  public Result rotate(Actor actor, MerchantId merchant, ApiKeyId key, Duration overlap) {
    if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
      throw new IllegalArgumentException("overlap must be between 0 and " + MAX_OVERLAP);
    }
    Result result =
        tx.execute(
            status -> {
              var current = merchants.key(merchant, key);
              if (current.isEmpty()) {
                return new Result.NotFound();
              }
              OffsetDateTime oldExpires =
                  OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).plus(overlap);
              IssuedKey replacement =
                  IssueApiKey.issueIn(merchants, audit, actor, merchant, null, key);
              if (!merchants.markRotated(merchant, key, replacement.stored().id(), oldExpires)) {
                // Lost to a revocation, an expiry or another rotation: nothing of ours is kept.
                status.setRollbackOnly();
                return new Result.NotActive(merchants.key(merchant, key).orElseThrow());
              }
              audit.record(
                  actor,
                  "api_key.rotated",
                  "api_key",
                  key.value().toString(),
                  merchant.value(),
                  Map.of(
                      "replaced_by",
                      replacement.stored().id().value().toString(),
                      "overlap_seconds",
                      overlap.toSeconds()));
              return new Result.Rotated(replacement, merchants.key(merchant, key).orElseThrow());
            });
    cache.ifAvailable(ApiKeyAuthenticator::invalidateAll);
    return result;
  }
}
