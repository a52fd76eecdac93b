package com.oncepay.idempotency;

import com.oncepay.config.OncepayProperties;
import com.oncepay.error.ErrorCode;
import com.oncepay.error.OncepayException;
import com.oncepay.persistence.DbEnum;
import com.oncepay.persistence.RowCounts;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code idempotency_keys} table, and the only class that writes SQL for it. The claim runs
 * inside the request's claim transaction, so the key, the business claim and the operation row
 * commit together or not at all; a request that is rejected before it starts rolls back and leaves
 * no key behind.
 */
@Repository
public class IdempotencyStore {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Duration retention;
  private final Duration lease;

  public IdempotencyStore(JdbcClient jdbc, Clock clock, OncepayProperties properties) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.retention = properties.idempotency().retention();
    this.lease = properties.idempotency().lease();
  }

  /**
   * Claims the key for this request. Two concurrent claims of one key serialise on the unique
   * index: the second's INSERT waits for the first's transaction, then sees its row.
   *
   * @throws OncepayException idempotency_key_in_use while another request holds the key,
   *     idempotency_key_reused when the key was used for a different request
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Claim claim(IdempotentRequest request) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    UUID id = UUID.randomUUID();
    int inserted = insert(id, request, KeyStatus.IN_PROGRESS, null, null, now);
    if (inserted == 1) {
      return new Claim.Started(id);
    }
    Existing existing =
        jdbc.sql(
                """
                SELECT id, fingerprint, status, locked_until, operation_id, response_status,
                       response_body, expires_at
                  FROM idempotency_keys
                 WHERE merchant_id = :merchant AND idempotency_key = :key
                """)
            .param("merchant", request.merchant().value())
            .param("key", request.key().value())
            .query(IdempotencyStore::existing)
            .optional()
            // Deleted by the expiry sweep between our INSERT and SELECT: the client can retry.
            .orElseThrow(() -> inUse());
    if (!existing.expiresAt().isAfter(now)) {
      return restartExpired(existing, request, now);
    }
    if (!MessageDigest.isEqual(existing.fingerprint(), request.fingerprint())) {
      throw new OncepayException(
          ErrorCode.IDEMPOTENCY_KEY_REUSED,
          "This Idempotency-Key was already used with a different method, path or body.",
          IdempotencyKey.HEADER);
    }
    if (existing.completed()) {
      return new Claim.Replay(existing.answer());
    }
    if (existing.lockedUntil().isAfter(now)) {
      throw inUse();
    }
    return takeOver(existing, now);
  }

  /**
   * The key written last, for a request whose whole claim is one transaction: inserted already
   * holding its answer. Its in-progress state would never be visible outside the transaction, so
   * the row is born completed, one statement instead of an insert and an update.
   *
   * @throws KeyTaken when the key exists: the caller rolls back what it did and takes the {@link
   *     #claim} path, which decides replay, in use or reuse on the row that is there
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void insertAnswered(IdempotentRequest request, StoredAnswer answer) {
    insertLast(request, KeyStatus.COMPLETED, null, answer);
  }

  /**
   * The key written last, in progress with the gateway operation its claim started (the call comes
   * after the commit), so a retry resumes that operation.
   *
   * @return the key's record id
   * @throws KeyTaken as {@link #insertAnswered}
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public UUID insertWithOperation(IdempotentRequest request, UUID operationId) {
    return insertLast(request, KeyStatus.IN_PROGRESS, operationId, null);
  }

  private UUID insertLast(
      IdempotentRequest request, KeyStatus status, UUID operationId, StoredAnswer answer) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    UUID id = UUID.randomUUID();
    int inserted = insert(id, request, status, operationId, answer, now);
    if (inserted == 0) {
      throw new KeyTaken();
    }
    return id;
  }

  /** Inserts the key unless it exists; 1 when inserted, 0 when the key was there. */
  private int insert(
      UUID id,
      IdempotentRequest request,
      KeyStatus status,
      UUID operationId,
      StoredAnswer answer,
      OffsetDateTime now) {
    return jdbc.sql(
            """
            INSERT INTO idempotency_keys
              (id, merchant_id, idempotency_key, fingerprint, status, locked_until,
               operation_id, response_status, response_body, created_at, expires_at)
            VALUES (:id, :merchant, :key, :fingerprint, :status, :lockedUntil,
                    :operation, :responseStatus, :responseBody, :now, :expiresAt)
            ON CONFLICT (merchant_id, idempotency_key) DO NOTHING
            """)
        .param("id", id)
        .param("merchant", request.merchant().value())
        .param("key", request.key().value())
        .param("fingerprint", request.fingerprint())
        .param("status", status.dbName())
        .param(
            "lockedUntil", answer == null ? now.plus(lease) : null, Types.TIMESTAMP_WITH_TIMEZONE)
        .param("operation", operationId, Types.OTHER)
        .param("responseStatus", answer == null ? null : answer.status(), Types.INTEGER)
        .param("responseBody", answer == null ? null : answer.body(), Types.BINARY)
        .param("now", now)
        .param("expiresAt", now.plus(retention))
        .update();
  }

  /** Whether the request's key has a row, for a key-last request that failed before writing it. */
  public boolean exists(IdempotentRequest request) {
    return jdbc.sql(
            "SELECT EXISTS (SELECT 1 FROM idempotency_keys"
                + " WHERE merchant_id = :merchant AND idempotency_key = :key)")
        .param("merchant", request.merchant().value())
        .param("key", request.key().value())
        .query(Boolean.class)
        .single();
  }

  /**
   * The key's request has held it past its lease: it crashed, or its instance was killed. One retry
   * takes it over; the guarded UPDATE makes sure only one does.
   */
  private Claim takeOver(Existing existing, OffsetDateTime now) {
    int taken =
        jdbc.sql(
                """
                UPDATE idempotency_keys SET locked_until = :lockedUntil
                 WHERE id = :id AND status IN (:from) AND locked_until <= :now
                """)
            .param("from", KeyStateMachine.TABLE.sourceNames(KeyEvent.TAKEN_OVER))
            .param("lockedUntil", now.plus(lease))
            .param("id", existing.id())
            .param("now", now)
            .update();
    if (!RowCounts.atMostOne(taken, "idempotency key " + existing.id())) {
      throw inUse();
    }
    return existing.operationId() == null
        ? new Claim.Started(existing.id())
        : new Claim.Resume(existing.id(), existing.operationId());
  }

  private Claim restartExpired(Existing existing, IdempotentRequest request, OffsetDateTime now) {
    int restarted =
        jdbc.sql(
                """
                UPDATE idempotency_keys
                   SET fingerprint = :fingerprint, status = :to,
                       locked_until = :lockedUntil, operation_id = NULL, response_status = NULL,
                       response_body = NULL, created_at = :now, expires_at = :expiresAt
                 WHERE id = :id AND status IN (:from) AND expires_at <= :now
                """)
            .param("to", KeyStateMachine.TABLE.target(KeyEvent.RESTARTED).dbName())
            .param("from", KeyStateMachine.TABLE.sourceNames(KeyEvent.RESTARTED))
            .param("fingerprint", request.fingerprint())
            .param("lockedUntil", now.plus(lease))
            .param("now", now)
            .param("expiresAt", now.plus(retention))
            .param("id", existing.id())
            .update();
    if (!RowCounts.atMostOne(restarted, "idempotency key " + existing.id())) {
      throw inUse();
    }
    return new Claim.Started(existing.id());
  }

  /** Records which gateway operation this key's request started, in the claim transaction. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void attachOperation(UUID recordId, UUID operationId) {
    int updated =
        jdbc.sql(
                "UPDATE idempotency_keys SET operation_id = :op"
                    + " WHERE id = :id AND status IN (:from)")
            .param("op", operationId)
            .param("id", recordId)
            .param("from", KeyStateMachine.TABLE.sourceNames(KeyEvent.OPERATION_ATTACHED))
            .update();
    RowCounts.exactlyOne(updated, "idempotency record " + recordId);
  }

  /** Stores the answer of a request that finished without a gateway operation. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void complete(UUID recordId, StoredAnswer answer) {
    RowCounts.exactlyOne(
        completeWhere("id = :ref", recordId, answer), "idempotency record " + recordId);
  }

  /**
   * Stores the answer for whichever key started this operation, in the operation's finalize
   * transaction. Zero rows is normal: operations resumed without a key, or finalized by a recovery
   * after the key already completed.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void completeForOperation(UUID operationId, StoredAnswer answer) {
    completeWhere("operation_id = :ref", operationId, answer);
  }

  private int completeWhere(String which, UUID ref, StoredAnswer answer) {
    return jdbc.sql(
            """
            UPDATE idempotency_keys
               SET status = :to, locked_until = NULL,
                   response_status = :status, response_body = :body
             WHERE %s AND status IN (%s)
            """
                // Literal states: the partial index idempotency_keys_by_operation repeats them.
                .formatted(which, KeyStateMachine.TABLE.sourceList(KeyEvent.COMPLETED)))
        .param("to", KeyStateMachine.TABLE.target(KeyEvent.COMPLETED).dbName())
        .param("status", answer.status())
        .param("body", answer.body())
        .param("ref", ref)
        .update();
  }

  /** The stored answer of a completed key, for a request that lost the race to finalize. */
  public Optional<StoredAnswer> completedAnswer(UUID recordId) {
    return jdbc.sql(
            "SELECT response_status, response_body FROM idempotency_keys"
                + " WHERE id = :id AND status = :completed")
        .param("id", recordId)
        .param("completed", KeyStatus.COMPLETED.dbName())
        .query((rs, n) -> new StoredAnswer(rs.getInt(1), rs.getBytes(2)))
        .optional();
  }

  /** Deletes up to {@code batch} expired keys; small batches keep locks and WAL bursts short. */
  public int deleteExpired(int batch) {
    return jdbc.sql(
            """
            DELETE FROM idempotency_keys
             WHERE id IN (SELECT id FROM idempotency_keys
                           WHERE expires_at <= :now
                           ORDER BY expires_at LIMIT :batch
                           FOR UPDATE SKIP LOCKED)
            """)
        .param("now", OffsetDateTime.now(clock))
        .param("batch", batch)
        .update();
  }

  /**
   * How many keys are held by a request still running (or by one that crashed and whose key has not
   * been retried). Read through the partial index {@code idempotency_keys_in_progress}, which holds
   * only those rows, so the count stays cheap however many completed keys are kept.
   */
  public long countInProgress() {
    return jdbc.sql(
            "SELECT count(*) FROM idempotency_keys WHERE status = '%s'"
                .formatted(KeyStatus.IN_PROGRESS.dbName()))
        .query(Long.class)
        .single();
  }

  /**
   * Retry-After is a second, not the time left on the key's lock: the running request usually
   * answers within its gateway call, and when its instance died the operation is taken over and the
   * key completed within seconds. A shop told to wait out the lease (a minute) would wait a minute
   * for an answer that was ready long before; a retry that finds the key still held costs one
   * indexed read.
   */
  private static OncepayException inUse() {
    return OncepayException.retryLater(
        ErrorCode.IDEMPOTENCY_KEY_IN_USE,
        "A request with this Idempotency-Key is still being processed; retry later.",
        Duration.ofSeconds(1));
  }

  private static Existing existing(ResultSet rs, int row) throws SQLException {
    int status = rs.getInt("response_status");
    StoredAnswer answer =
        rs.wasNull() ? null : new StoredAnswer(status, rs.getBytes("response_body"));
    return new Existing(
        rs.getObject("id", UUID.class),
        rs.getBytes("fingerprint"),
        DbEnum.fromDb(KeyStatus.class, rs.getString("status")) == KeyStatus.COMPLETED,
        rs.getObject("locked_until", OffsetDateTime.class),
        rs.getObject("operation_id", UUID.class),
        answer,
        rs.getObject("expires_at", OffsetDateTime.class));
  }

  private record Existing(
      UUID id,
      byte[] fingerprint,
      boolean completed,
      OffsetDateTime lockedUntil,
      UUID operationId,
      StoredAnswer answer,
      OffsetDateTime expiresAt) {}
}
