package com.oncepay.merchant;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class MerchantRepository {

  private final JdbcClient jdbc;
  private final Clock clock;

  public MerchantRepository(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public Optional<MerchantId> findByApiKey(String apiKey) {
    return jdbc.sql("SELECT id FROM merchants WHERE api_key_hash = :hash")
        .param("hash", ApiKeys.hash(apiKey))
        .query(UUID.class)
        .optional()
        .map(MerchantId::new);
  }

  /** Creates the merchant for this key unless one exists; returns the key's merchant either way. */
  public MerchantId ensure(String name, String apiKey) {
    jdbc.sql(
            """
            INSERT INTO merchants (id, name, api_key_hash, created_at)
            VALUES (:id, :name, :hash, :now)
            ON CONFLICT (api_key_hash) DO NOTHING
            """)
        .param("id", UUID.randomUUID())
        .param("name", name)
        .param("hash", ApiKeys.hash(apiKey))
        .param("now", OffsetDateTime.now(clock))
        .update();
    return findByApiKey(apiKey).orElseThrow();
  }
}
