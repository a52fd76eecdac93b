package com.oncepay.outbox;

import com.oncepay.persistence.DbEnum;
import com.oncepay.statemachine.TransitionTable;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The work queue's statements. Every transition of a job row is one guarded statement whose row
 * count is checked by the caller: a worker whose lease was taken over finds zero rows.
 */
@Repository
public class OutboxRepository {

  /** The channel workers LISTEN on; NOTIFY is sent in the enqueuing transaction (at commit). */
  public static final String CHANNEL = "oncepay_outbox";

  private static final String READY = JobStatus.READY.dbName();
  private static final String CLAIMED = JobStatus.CLAIMED.dbName();
  private static final String DONE = JobStatus.DONE.dbName();
  private static final String DEAD = JobStatus.DEAD.dbName();

  /**
   * The predicate of the partial unique index {@code outbox_one_open_job}, spelled out literally:
   * {@code ON CONFLICT} can only pick a partial index whose predicate the statement repeats.
   */
  private static final String OPEN = TransitionTable.quoted(OutboxStateMachine.OPEN);

  /** A claimed job, from the {@code RETURNING} of a claim. */
  private static final RowMapper<Job> JOB =
      (rs, n) ->
          new Job(
              rs.getLong("id"),
              DbEnum.fromDb(JobKind.class, rs.getString("kind")),
              rs.getObject("ref", UUID.class),
              rs.getInt("attempts"),
              rs.getObject("created_at", OffsetDateTime.class));

  private final JdbcClient jdbc;

  public OutboxRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Queues a job in the caller's transaction, so it exists exactly when the business change does. A
   * job already open for the same ref absorbs this one. The workers are woken (at commit) by the
   * same statement, when it queued a job: one round trip.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void enqueue(JobKind kind, UUID ref, OffsetDateTime runAt, OffsetDateTime now) {
    jdbc.sql(ENQUEUE)
        .param("kind", kind.dbName())
        .param("ref", ref)
        .param("ready", READY)
        .param("runAt", runAt)
        .param("now", now)
        .query()
        .singleRow();
  }

  private static final String ENQUEUE =
      """
      WITH queued AS (
        INSERT INTO outbox (kind, ref, status, run_at, created_at)
        VALUES (:kind, :ref, :ready, :runAt, :now)
        ON CONFLICT (kind, ref) WHERE status IN (%s) DO NOTHING
        RETURNING ref)
      %s
      """
          .formatted(OPEN, notifyIfAnySql("queued"));

  /**
   * The enqueue as a piece of a caller's own statement, so a business write and the job it queues
   * cost one round trip: a data-modifying CTE body that queues a {@code :jobKind} job, due now, for
   * each {@code ref} selected {@code from} where {@code condition} holds, and returns the queued
   * refs. Its parameters: {@code :jobKind}, {@code :jobReady} ({@link #jobReady()}) and {@code
   * :jobNow}. Follow it with {@link #notifyIfAnySql}.
   */
  public static String enqueueEachSql(String ref, String from, String condition) {
    return """
        INSERT INTO outbox (kind, ref, status, run_at, created_at)
        SELECT :jobKind, %s, :jobReady, :jobNow, :jobNow FROM %s WHERE %s
        ON CONFLICT (kind, ref) WHERE status IN (%s) DO NOTHING
        RETURNING ref"""
        .formatted(ref, from, condition, OPEN);
  }

  /**
   * The final SELECT of a statement built with {@link #enqueueEachSql}: wakes the workers (at
   * commit, like {@link #notifyWorkers}) only when the CTE named {@code queued} queued a job.
   */
  public static String notifyIfAnySql(String queued) {
    return "SELECT CASE WHEN EXISTS (SELECT 1 FROM %s) THEN pg_notify('%s', '') END"
        .formatted(queued, CHANNEL);
  }

  /** The value of {@code :jobReady} in a statement built with {@link #enqueueEachSql}. */
  public static String jobReady() {
    return READY;
  }

  /**
   * Queues a job for each of {@code refs} that has neither an open job nor a dead one (a dead job
   * is left to operators, not revived by a sweep), in the caller's transaction.
   *
   * @return how many were queued
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public int enqueueUnlessDead(JobKind kind, Collection<UUID> refs, OffsetDateTime now) {
    if (refs.isEmpty()) {
      return 0;
    }
    int queued =
        jdbc.sql(ENQUEUE_UNLESS_DEAD)
            .param("kind", kind.dbName())
            .param("refs", refs)
            .param("ready", READY)
            .param("dead", DEAD)
            .param("now", now)
            .update();
    if (queued > 0) {
      notifyWorkers();
    }
    return queued;
  }

  private static final String ENQUEUE_UNLESS_DEAD =
      """
      INSERT INTO outbox (kind, ref, status, run_at, created_at)
      SELECT :kind, t.ref, :ready, :now, :now FROM unnest(ARRAY[:refs]::uuid[]) AS t(ref)
       WHERE NOT EXISTS (SELECT 1 FROM outbox o
                          WHERE o.kind = :kind AND o.ref = t.ref AND o.status = :dead)
      ON CONFLICT (kind, ref) WHERE status IN (%s) DO NOTHING
      """
          .formatted(OPEN);

  /** How many jobs are dead-lettered, for operators. */
  public long countDead() {
    return jdbc.sql("SELECT count(*) FROM outbox WHERE status = :dead")
        .param("dead", DEAD)
        .query(Long.class)
        .single();
  }

  /**
   * One kind and status of jobs, for the queue gauges: how many, and for ready jobs the {@code
   * run_at} of the oldest one that is due (null when none is due; a retry scheduled for later is
   * not lag).
   */
  public record Backlog(JobKind kind, JobStatus status, long jobs, OffsetDateTime oldestDue) {}

  /**
   * The ready, claimed and dead jobs of each kind, in one statement; done rows are left out (the
   * janitor deletes them a minute after they finish). Dead rows have no index, so this is a scan of
   * the table, which the janitor keeps small: cheap every few seconds, not on every request.
   */
  public List<Backlog> backlog(OffsetDateTime now) {
    return jdbc.sql(
            """
            SELECT kind, status, count(*) AS jobs,
                   min(run_at) FILTER (WHERE status = :ready AND run_at <= :now) AS oldest_due
              FROM outbox
             WHERE status IN (:open)
             GROUP BY kind, status
            """)
        .param("ready", READY)
        .param("now", now)
        .param(
            "open",
            List.of(
                READY, JobStatus.PUBLISHING.dbName(), JobStatus.PUBLISHED.dbName(), CLAIMED, DEAD))
        .query(
            (rs, n) ->
                new Backlog(
                    DbEnum.fromDb(JobKind.class, rs.getString("kind")),
                    DbEnum.fromDb(JobStatus.class, rs.getString("status")),
                    rs.getLong("jobs"),
                    rs.getObject("oldest_due", OffsetDateTime.class)))
        .list();
  }

  /** Wakes the workers of every instance when the current transaction commits. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void notifyWorkers() {
    jdbc.sql("SELECT pg_notify('" + CHANNEL + "', '')").query().singleRow();
  }

  /**
   * Claims up to {@code limit} runnable jobs in one statement: claimed ones whose holder's lease
   * ran out (it died or hung) first, then ready ones that are due, oldest first. SKIP LOCKED lets
   * every worker of every instance claim at once without waiting on each other.
   *
   * <p>Each source is read through its own partial index in order, so a claim costs the same with
   * ten jobs waiting or a hundred thousand. One {@code WHERE (ready …) OR (claimed …) ORDER BY}
   * would be planned as a bitmap scan that sorts every due row, making each claim slower exactly
   * when a backlog needs it to be fast. The CTEs are read lazily: {@code ready} is not scanned (nor
   * locked) beyond what the limit still needs.
   */
  public List<Job> claim(String worker, int limit, OffsetDateTime leaseUntil, OffsetDateTime now) {
    return jdbc.sql(CLAIM)
        .param("worker", worker)
        .param("lease", leaseUntil)
        .param("now", now)
        .param("limit", limit)
        .query(JOB)
        .list();
  }

  static final String CLAIM =
      """
      WITH expired AS (
             SELECT id FROM outbox
              WHERE status = '%1$s' AND lease_until < :now
              ORDER BY lease_until
              LIMIT :limit
                FOR UPDATE SKIP LOCKED),
           ready AS (
             SELECT id FROM outbox
              WHERE status = '%2$s' AND run_at <= :now
              ORDER BY run_at
              LIMIT :limit
                FOR UPDATE SKIP LOCKED)
      UPDATE outbox
         SET status = '%1$s', claimed_by = :worker, lease_until = :lease,
             attempts = attempts + 1
       WHERE id IN (SELECT id FROM (SELECT id FROM expired UNION ALL SELECT id FROM ready) due
                     LIMIT :limit)
      RETURNING id, kind, ref, attempts, created_at
      """
          // Literals, not parameters: each CTE must repeat its partial index's predicate.
          .formatted(CLAIMED, READY);

  /**
   * A job a relay took to publish; {@code runAt} is when it became due, for the relay's lag, and
   * {@code fresh} false when it is published again (its lease in the broker's hands ran out).
   */
  public record Relayed(long id, JobKind kind, UUID ref, OffsetDateTime runAt, boolean fresh) {}

  /**
   * ONCEPAY_QUEUE=rabbitmq: takes up to {@code limit} jobs for a relay to publish, in one statement
   * and with SKIP LOCKED, so any number of relays share the table and each job is published by one
   * of them at a time. First the ones whose lease ran out in the broker's hands (a relay that died
   * between publish and confirm, a message confirmed but not taken for too long) and claims whose
   * consumer died, then ready ones that are due. Each source is read through its own partial index
   * in order, as in {@link #claim}. Attempts are not counted here: a consumer's claim counts them.
   */
  public List<Relayed> relayClaim(
      String relay, int limit, OffsetDateTime leaseUntil, OffsetDateTime now) {
    return jdbc.sql(RELAY_CLAIM)
        .param("relay", relay)
        .param("lease", leaseUntil)
        .param("now", now)
        .param("limit", limit)
        .query(
            (rs, n) ->
                new Relayed(
                    rs.getLong("id"),
                    DbEnum.fromDb(JobKind.class, rs.getString("kind")),
                    rs.getObject("ref", UUID.class),
                    rs.getObject("run_at", OffsetDateTime.class),
                    rs.getBoolean("fresh")))
        .list();
  }

  static final String RELAY_CLAIM =
      """
      WITH stale AS (
             SELECT id FROM outbox
              WHERE status IN (%1$s) AND lease_until < :now
              ORDER BY lease_until
              LIMIT :limit
                FOR UPDATE SKIP LOCKED),
           expired AS (
             SELECT id FROM outbox
              WHERE status = '%2$s' AND lease_until < :now
              ORDER BY lease_until
              LIMIT :limit
                FOR UPDATE SKIP LOCKED),
           ready AS (
             SELECT id FROM outbox
              WHERE status = '%3$s' AND run_at <= :now
              ORDER BY run_at
              LIMIT :limit
                FOR UPDATE SKIP LOCKED)
      UPDATE outbox o
         SET status = '%4$s', claimed_by = :relay, lease_until = :lease
        FROM (SELECT id, fresh FROM (SELECT id, false AS fresh FROM stale
                                     UNION ALL SELECT id, false FROM expired
                                     UNION ALL SELECT id, true FROM ready) due
               LIMIT :limit) due
       WHERE o.id = due.id
      RETURNING o.id, o.kind, o.ref, o.run_at, due.fresh
      """
          // Literals, not parameters: each CTE must repeat its partial index's predicate.
          .formatted(
              TransitionTable.quoted(OutboxStateMachine.IN_TRANSPORT),
              CLAIMED,
              READY,
              OutboxStateMachine.TABLE.target(JobEvent.RELAYED).dbName());

  /**
   * The broker confirmed these publishes: published, and published again by the safety net if no
   * consumer has taken them by {@code republishAt}.
   *
   * @return how many were still this relay's to mark; fewer than {@code ids} when a consumer
   *     received a message before its confirm reached us and already took the job, which is normal
   */
  public int confirmPublished(String relay, Collection<Long> ids, OffsetDateTime republishAt) {
    if (ids.isEmpty()) {
      return 0;
    }
    int marked =
        jdbc.sql(
                "UPDATE outbox SET status = :to, lease_until = :republishAt"
                    + " WHERE id IN (:ids) AND claimed_by = :relay AND status IN (:from)")
            .param("to", OutboxStateMachine.TABLE.target(JobEvent.CONFIRMED).dbName())
            .param("from", OutboxStateMachine.TABLE.sourceNames(JobEvent.CONFIRMED))
            .param("republishAt", republishAt)
            .param("ids", ids)
            .param("relay", relay)
            .update();
    if (marked > ids.size()) {
      throw new IllegalStateException(marked + " rows marked published for " + ids.size() + " ids");
    }
    return marked;
  }

  /** The broker refused these publishes or did not confirm them in time: ready, still due. */
  public int unconfirmed(String relay, Collection<Long> ids) {
    if (ids.isEmpty()) {
      return 0;
    }
    return jdbc.sql(
            "UPDATE outbox SET status = :to, claimed_by = NULL, lease_until = NULL"
                + " WHERE id IN (:ids) AND claimed_by = :relay AND status IN (:from)")
        .param("to", OutboxStateMachine.TABLE.target(JobEvent.UNCONFIRMED).dbName())
        .param("from", OutboxStateMachine.TABLE.sourceNames(JobEvent.UNCONFIRMED))
        .param("ids", ids)
        .param("relay", relay)
        .update();
  }

  /**
   * A consumer claims the job of the message it received: one that is in the broker's hands, or one
   * claimed by a consumer that is gone, which is the case when the lease ran out or when the broker
   * says it redelivers the message (the channel of the consumer that had it closed). Taking over a
   * claim whose holder is only slow is safe, only wasted: the executor is idempotent and the
   * holder's outcome finds the claim gone.
   *
   * @return the job, or empty when the message is a duplicate or stale (the job is claimed by a
   *     live consumer, scheduled for later, finished or dead): the message is then dropped
   */
  public Optional<Job> claimDelivered(
      long id, String worker, boolean redelivered, OffsetDateTime leaseUntil, OffsetDateTime now) {
    List<Job> taken =
        jdbc.sql(CLAIM_DELIVERED)
            .param("to", OutboxStateMachine.TABLE.target(JobEvent.DELIVERED).dbName())
            .param("delivered", OutboxStateMachine.TABLE.sourceNames(JobEvent.DELIVERED))
            .param("takenOver", OutboxStateMachine.TABLE.sourceNames(JobEvent.TAKEN_OVER))
            .param("redelivered", redelivered)
            .param("worker", worker)
            .param("lease", leaseUntil)
            .param("now", now)
            .param("id", id)
            .query(JOB)
            .list();
    if (taken.size() > 1) {
      throw new IllegalStateException(taken.size() + " rows claimed for job " + id);
    }
    return taken.stream().findFirst();
  }

  private static final String CLAIM_DELIVERED =
      """
      UPDATE outbox
         SET status = :to, claimed_by = :worker, lease_until = :lease, attempts = attempts + 1
       WHERE id = :id
         AND (status IN (:delivered)
              OR (status IN (:takenOver) AND (lease_until < :now OR CAST(:redelivered AS boolean))))
      RETURNING id, kind, ref, attempts, created_at
      """;

  /**
   * The broker dead-lettered the job's message after its delivery limit: the job is dead, whoever
   * holds it (a consumer still running it finds its claim gone when it finishes).
   *
   * @return false when the job had already moved on (finished, dead, or back to ready)
   */
  public boolean deadLettered(long id, String error, OffsetDateTime now) {
    int buried =
        jdbc.sql(
                """
                UPDATE outbox SET status = :to, last_error = :error, done_at = :now,
                                  lease_until = NULL
                 WHERE id = :id AND status IN (:from)
                """)
            .param("to", OutboxStateMachine.TABLE.target(JobEvent.DEAD_LETTERED).dbName())
            .param("from", OutboxStateMachine.TABLE.sourceNames(JobEvent.DEAD_LETTERED))
            .param("error", truncate(error))
            .param("now", now)
            .param("id", id)
            .update();
    if (buried > 1) {
      throw new IllegalStateException(buried + " rows dead-lettered for job " + id);
    }
    return buried == 1;
  }

  /** Extends the lease of the jobs this worker is still running. */
  public int heartbeat(String worker, Collection<Long> ids, OffsetDateTime leaseUntil) {
    if (ids.isEmpty()) {
      return 0;
    }
    return jdbc.sql(
            "UPDATE outbox SET lease_until = :lease"
                + " WHERE id IN (:ids) AND claimed_by = :worker AND status IN (:from)")
        .param("from", OutboxStateMachine.TABLE.sourceNames(JobEvent.HEARTBEAT))
        .param("lease", leaseUntil)
        .param("ids", ids)
        .param("worker", worker)
        .update();
  }

  /**
   * @return false when the job was taken over by another worker meanwhile
   */
  public boolean complete(long id, String worker, OffsetDateTime now) {
    return jdbc.sql(
                "UPDATE outbox SET status = :to, done_at = :now, lease_until = NULL"
                    + " WHERE id = :id AND claimed_by = :worker AND status IN (:from)")
            .param("to", OutboxStateMachine.TABLE.target(JobEvent.COMPLETED).dbName())
            .param("from", OutboxStateMachine.TABLE.sourceNames(JobEvent.COMPLETED))
            .param("now", now)
            .param("id", id)
            .param("worker", worker)
            .update()
        == 1;
  }

  public boolean retryAt(long id, String worker, OffsetDateTime runAt, String error) {
    return jdbc.sql(
                """
                UPDATE outbox SET status = :to, run_at = :runAt, last_error = :error,
                                  claimed_by = NULL, lease_until = NULL
                 WHERE id = :id AND claimed_by = :worker AND status IN (:from)
                """)
            .param("to", OutboxStateMachine.TABLE.target(JobEvent.RETRIED).dbName())
            .param("from", OutboxStateMachine.TABLE.sourceNames(JobEvent.RETRIED))
            .param("runAt", runAt)
            .param("error", truncate(error))
            .param("id", id)
            .param("worker", worker)
            .update()
        == 1;
  }

  /** Dead-letters the job: kept, never run again, visible to operators. */
  public boolean bury(long id, String worker, String error, OffsetDateTime now) {
    return jdbc.sql(
                """
                UPDATE outbox SET status = :to, last_error = :error, done_at = :now,
                                  lease_until = NULL
                 WHERE id = :id AND claimed_by = :worker AND status IN (:from)
                """)
            .param("to", OutboxStateMachine.TABLE.target(JobEvent.BURIED).dbName())
            .param("from", OutboxStateMachine.TABLE.sourceNames(JobEvent.BURIED))
            .param("error", truncate(error))
            .param("now", now)
            .param("id", id)
            .param("worker", worker)
            .update()
        == 1;
  }

  /**
   * Ends the claims of workers whose instance has gone silent, so the next claim takes their jobs
   * over now instead of when the lease runs out.
   *
   * @return how many claims were ended
   */
  public int expireClaimsOf(Collection<String> workers) {
    if (workers.isEmpty()) {
      return 0;
    }
    return jdbc.sql(
            "UPDATE outbox SET lease_until = '-infinity'"
                + " WHERE claimed_by IN (:workers) AND status IN (:from)")
        .param("workers", workers)
        .param("from", OutboxStateMachine.TABLE.sourceNames(JobEvent.TAKEN_OVER))
        .update();
  }

  /** Hands this worker's unfinished jobs back at shutdown, so another instance runs them now. */
  public int release(String worker) {
    return jdbc.sql(
            """
            UPDATE outbox SET status = :to, claimed_by = NULL, lease_until = NULL,
                              attempts = GREATEST(attempts - 1, 0)
             WHERE claimed_by = :worker AND status IN (:from)
            """)
        .param("to", OutboxStateMachine.TABLE.target(JobEvent.RELEASED).dbName())
        .param("from", OutboxStateMachine.TABLE.sourceNames(JobEvent.RELEASED))
        .param("worker", worker)
        .update();
  }

  /** Deletes up to {@code batch} done rows finished before {@code before}. */
  public int deleteDone(int batch, OffsetDateTime before) {
    return jdbc.sql(
            """
            DELETE FROM outbox WHERE id IN (SELECT id FROM outbox
                                             WHERE status = '%s' AND done_at < :before
                                             LIMIT :batch)
            """
                .formatted(DONE))
        .param("before", before)
        .param("batch", batch)
        .update();
  }

  private static String truncate(String error) {
    return error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
  }
}
