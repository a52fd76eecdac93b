package com.oncepay.race;

import com.oncepay.config.OncepayProperties;
import com.oncepay.idempotency.Claim;
import com.oncepay.idempotency.IdempotencyStore;
import com.oncepay.idempotency.IdempotentRequest;
import com.oncepay.idempotency.StoredAnswer;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The same race against a look-then-upsert key store: proof that {@link IdempotentReplayRace}
 * bites.
 */
@Import(IdempotentReplayNaiveRaceIT.Naive.class)
class IdempotentReplayNaiveRaceIT extends IdempotentReplayRace {

  @Test
  void lookThenUpsertKeyStoreIsCaught() {
    assertCaughtWithinRounds(5);
  }

  @TestConfiguration
  static class Naive {
    @Bean
    @Primary
    IdempotencyStore naiveKeys(JdbcClient jdbc, Clock clock, OncepayProperties properties) {
      return new NaiveIdempotencyStore(jdbc, clock, properties);
    }
  }

  /** Looks the key up, and if it is not there yet, upserts it: both racers "start". */
  static class NaiveIdempotencyStore extends IdempotencyStore {
    private final JdbcClient jdbc;

    NaiveIdempotencyStore(JdbcClient jdbc, Clock clock, OncepayProperties properties) {
      super(jdbc, clock, properties);
      this.jdbc = jdbc;
    }

    @Override
    public Claim claim(IdempotentRequest request) {
      var existing =
          jdbc.sql(
                  "SELECT status, response_status, response_body FROM idempotency_keys"
                      + " WHERE merchant_id = :m AND idempotency_key = :k")
              .param("m", request.merchant().value())
              .param("k", request.key().value())
              .query(
                  (rs, n) ->
                      "completed".equals(rs.getString(1))
                          ? new StoredAnswer(rs.getInt(2), rs.getBytes(3))
                          : null)
              .optional();
      if (existing.isPresent()) {
        return new Claim.Replay(existing.get());
      }
      OffsetDateTime now = OffsetDateTime.now();
      UUID id =
          jdbc.sql(
                  """
                  INSERT INTO idempotency_keys (id, merchant_id, idempotency_key, fingerprint,
                                                status, locked_until, created_at, expires_at)
                  VALUES (:id, :m, :k, :f, 'in_progress', :lock, :now, :exp)
                  ON CONFLICT (merchant_id, idempotency_key)
                  DO UPDATE SET locked_until = EXCLUDED.locked_until
                  RETURNING id
                  """)
              .param("id", UUID.randomUUID())
              .param("m", request.merchant().value())
              .param("k", request.key().value())
              .param("f", request.fingerprint())
              .param("lock", now.plusMinutes(1))
              .param("now", now)
              .param("exp", now.plusDays(1))
              .query(UUID.class)
              .single();
      return new Claim.Started(id);
    }
  }
}
