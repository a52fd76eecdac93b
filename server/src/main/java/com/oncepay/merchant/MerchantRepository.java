package com.oncepay.merchant;

import com.oncepay.persistence.RowCounts;
import com.oncepay.persistence.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code merchants} and {@code api_keys} tables: a merchant and the keys that act for it. The
 * only class that writes SQL for them. Every change to a key also NOTIFYs {@link #KEY_CHANNEL} in
 * its transaction, which every instance's {@link KeyChangeListener} hears at commit.
 */
@Repository
public class MerchantRepository {

  /** The channel key changes are announced on; the payload is empty (caches drop everything). */
  public static final String KEY_CHANNEL = "oncepay_api_keys";

  private static final String KEY_COLUMNS =
      "id, merchant_id, prefix, origin, created_at, expires_at, revoked_at, replaced_by";

  private final JdbcClient jdbc;
  private final Clock clock;

  public MerchantRepository(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The key with this hash unless revoked; the caller checks its expiry. */
  public Optional<AuthenticatedKey> authenticate(byte[] keyHash) {
    return jdbc.sql(
            """
            SELECT id, merchant_id, expires_at FROM api_keys
             WHERE key_hash = :hash AND revoked_at IS NULL
            """)
        .param("hash", keyHash)
        .query(
            (rs, n) -> {
              OffsetDateTime expires = Timestamps.utc(rs, "expires_at");
              return new AuthenticatedKey(
                  new ApiKeyId(rs.getObject("id", UUID.class)),
                  new MerchantId(rs.getObject("merchant_id", UUID.class)),
                  expires == null ? null : expires.toInstant());
            })
        .optional();
  }

  /** The merchant a working (neither revoked nor expired) key belongs to. */
  public Optional<MerchantId> findByApiKey(String apiKey) {
    return authenticate(ApiKeys.hash(apiKey))
        .filter(k -> k.validAt(clock.instant()))
        .map(AuthenticatedKey::merchant);
  }

  /**
   * For tests and simple set-ups: a merchant with this key unless the key exists; the key's
   * merchant either way. Not audited; the operator API and the bootstrap use the use cases.
   */
  public MerchantId ensure(String name, String apiKey) {
    Optional<ApiKey> existing = keyByHash(ApiKeys.hash(apiKey));
    if (existing.isPresent()) {
      return existing.get().merchant();
    }
    MerchantId merchant = createMerchant(name);
    insertKey(merchant, apiKey, ApiKey.Origin.OPERATOR, null);
    return keyByHash(ApiKeys.hash(apiKey)).orElseThrow().merchant();
  }

  public MerchantId createMerchant(String name) {
    MerchantId id = new MerchantId(UUID.randomUUID());
    jdbc.sql("INSERT INTO merchants (id, name, created_at) VALUES (:id, :name, :now)")
        .param("id", id.value())
        .param("name", name)
        .param("now", now())
        .update();
    return id;
  }

  public Optional<Merchant> findMerchant(MerchantId id) {
    return jdbc.sql("SELECT id, name, created_at FROM merchants WHERE id = :id")
        .param("id", id.value())
        .query(
            (rs, n) ->
                new Merchant(
                    new MerchantId(rs.getObject("id", UUID.class)),
                    rs.getString("name"),
                    Timestamps.utc(rs, "created_at")))
        .optional();
  }

  /**
   * Stores a new key (its hash and prefix). Empty when a key with this hash already exists: only a
   * key given from outside (the bootstrap's) can, a generated one never does.
   */
  Optional<ApiKey> insertKey(
      MerchantId merchant, String apiKey, ApiKey.Origin origin, OffsetDateTime expiresAt) {
    ApiKeyId id = new ApiKeyId(UUID.randomUUID());
    int rows =
        jdbc.sql(
                """
                INSERT INTO api_keys (id, merchant_id, prefix, key_hash, origin, created_at,
                                      expires_at)
                VALUES (:id, :merchant, :prefix, :hash, :origin, :now, :expires)
                ON CONFLICT (key_hash) DO NOTHING
                """)
            .param("id", id.value())
            .param("merchant", merchant.value())
            .param("prefix", ApiKeys.prefix(apiKey))
            .param("hash", ApiKeys.hash(apiKey))
            .param("origin", origin.dbName())
            .param("now", now())
            .param("expires", expiresAt)
            .update();
    if (!RowCounts.atMostOne(rows, "api key " + id.value())) {
      return Optional.empty();
    }
    announceKeyChange();
    return key(merchant, id);
  }

  public List<ApiKey> keys(MerchantId merchant) {
    return jdbc.sql(
            "SELECT "
                + KEY_COLUMNS
                + " FROM api_keys WHERE merchant_id = :merchant ORDER BY created_at, id")
        .param("merchant", merchant.value())
        .query(MerchantRepository::key)
        .list();
  }

  public Optional<ApiKey> key(MerchantId merchant, ApiKeyId id) {
    return jdbc.sql(
            "SELECT " + KEY_COLUMNS + " FROM api_keys WHERE id = :id AND merchant_id = :merchant")
        .param("id", id.value())
        .param("merchant", merchant.value())
        .query(MerchantRepository::key)
        .optional();
  }

  Optional<ApiKey> keyByHash(byte[] hash) {
    return jdbc.sql("SELECT " + KEY_COLUMNS + " FROM api_keys WHERE key_hash = :hash")
        .param("hash", hash)
        .query(MerchantRepository::key)
        .optional();
  }

  /**
   * Marks {@code old} as replaced by {@code replacement}, valid until {@code expiresAt} (never
   * longer than it already was). Wins only for a key still working and not rotated before: of two
   * rotations at once, one issues the replacement, the other loses (false) and rolls back.
   */
  boolean markRotated(
      MerchantId merchant, ApiKeyId old, ApiKeyId replacement, OffsetDateTime expiresAt) {
    int rows =
        jdbc.sql(
                """
                UPDATE api_keys
                   SET replaced_by = :replacement,
                       expires_at = LEAST(COALESCE(expires_at, :expires), :expires)
                 WHERE id = :id AND merchant_id = :merchant
                   AND revoked_at IS NULL AND replaced_by IS NULL
                   AND (expires_at IS NULL OR expires_at > :now)
                """)
            .param("replacement", replacement.value())
            .param("expires", expiresAt)
            .param("id", old.value())
            .param("merchant", merchant.value())
            .param("now", now())
            .update();
    boolean won = RowCounts.atMostOne(rows, "api key " + old.value());
    if (won) {
      announceKeyChange();
    }
    return won;
  }

  /** Revokes the key from now on; false when it was revoked already (or is not this merchant's). */
  boolean revoke(MerchantId merchant, ApiKeyId id) {
    int rows =
        jdbc.sql(
                """
                UPDATE api_keys SET revoked_at = :now
                 WHERE id = :id AND merchant_id = :merchant AND revoked_at IS NULL
                """)
            .param("now", now())
            .param("id", id.value())
            .param("merchant", merchant.value())
            .update();
    boolean won = RowCounts.atMostOne(rows, "api key " + id.value());
    if (won) {
      announceKeyChange();
    }
    return won;
  }

  /** The bootstrap keys of a merchant that are not revoked, other than {@code keep}. */
  List<ApiKey> otherLiveBootstrapKeys(MerchantId merchant, ApiKeyId keep) {
    return jdbc.sql(
            "SELECT "
                + KEY_COLUMNS
                + " FROM api_keys WHERE merchant_id = :merchant AND origin = 'bootstrap'"
                + " AND revoked_at IS NULL AND id <> :keep ORDER BY created_at, id")
        .param("merchant", merchant.value())
        .param("keep", keep.value())
        .query(MerchantRepository::key)
        .list();
  }

  /**
   * Serialises bootstraps of instances starting at once, until this transaction ends, so two cannot
   * both create the bootstrap merchant. Transaction-scoped: safe behind PgBouncer.
   */
  void lockBootstrap() {
    jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('oncepay.bootstrap'))").query().rowSet();
  }

  /** The merchant of the newest bootstrap key, if any bootstrap ever ran on this database. */
  Optional<MerchantId> bootstrapMerchant() {
    return jdbc.sql(
            """
            SELECT merchant_id FROM api_keys WHERE origin = 'bootstrap'
             ORDER BY created_at DESC, id LIMIT 1
            """)
        .query(UUID.class)
        .optional()
        .map(MerchantId::new);
  }

  /**
   * Tells every instance, at this transaction's commit, that some key changed. NOTIFY is
   * transactional, so it works through a transaction-mode pooler too; only LISTEN needs the direct
   * connection.
   */
  private void announceKeyChange() {
    jdbc.sql("SELECT pg_notify(:channel, '')").param("channel", KEY_CHANNEL).query().rowSet();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static ApiKey key(ResultSet rs, int row) throws SQLException {
    UUID replacedBy = rs.getObject("replaced_by", UUID.class);
    return new ApiKey(
        new ApiKeyId(rs.getObject("id", UUID.class)),
        new MerchantId(rs.getObject("merchant_id", UUID.class)),
        rs.getString("prefix"),
        ApiKey.Origin.of(rs.getString("origin")),
        Timestamps.utc(rs, "created_at"),
        Timestamps.utc(rs, "expires_at"),
        Timestamps.utc(rs, "revoked_at"),
        replacedBy == null ? null : new ApiKeyId(replacedBy));
  }
}
