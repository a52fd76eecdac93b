package com.oncepay.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.testsupport.ApiTestBase;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The claim statement on a real PostgreSQL with a backlog: it reads each source through its partial
 * index (no sort of every due row), takes dead claims over first, then the oldest ready jobs, and
 * hands each job to exactly one of many concurrent claimers.
 */
@TestPropertySource(properties = "oncepay.worker.enabled=false")
class OutboxClaimIT extends ApiTestBase {

  private static final int BACKLOG = 5_000;

  @Autowired OutboxRepository outbox;

  private final OffsetDateTime now = OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS);

  @BeforeEach
  void backlog() {
    jdbc.sql("TRUNCATE outbox").update();
    jdbc.sql(
            """
            INSERT INTO outbox (kind, ref, status, run_at, created_at, done_at)
            SELECT 'operation', gen_random_uuid(), 'done', :now, :now, :now
              FROM generate_series(1, 20000)
            """)
        .param("now", now)
        .update();
    jdbc.sql(
            """
            INSERT INTO outbox (kind, ref, status, run_at, created_at)
            SELECT 'operation', gen_random_uuid(), 'ready',
                   :now - make_interval(secs => i / 1000.0), :now
              FROM generate_series(1, :n) i
            """)
        .param("now", now)
        .param("n", BACKLOG)
        .update();
    // Not due yet: never claimed.
    jdbc.sql(
            """
            INSERT INTO outbox (kind, ref, status, run_at, created_at)
            SELECT 'webhook', gen_random_uuid(), 'ready', :later, :now FROM generate_series(1, 100)
            """)
        .param("now", now)
        .param("later", now.plusHours(1))
        .update();
    jdbc.sql("ANALYZE outbox").update();
  }

  @Test
  void claimReadsThroughTheIndexesWithoutSortingTheBacklog() {
    String plan =
        String.join(
            "\n",
            jdbc.sql("EXPLAIN " + OutboxRepository.CLAIM)
                .param("worker", "w")
                .param("lease", now.plusSeconds(30))
                .param("now", now)
                .param("limit", 32)
                .query(String.class)
                .list());

    assertThat(plan)
        .contains("Index Scan using outbox_ready", "Index Scan using outbox_claimed")
        .doesNotContain("Sort", "Bitmap", "Seq Scan");
  }

  @Test
  void deadClaimsFirstThenTheOldestDueJobs() {
    jdbc.sql(
            """
            INSERT INTO outbox (kind, ref, status, run_at, created_at, claimed_by, lease_until,
                                attempts)
            VALUES ('operation', gen_random_uuid(), 'claimed', :now, :now, 'dead-worker',
                    :expired, 1)
            """)
        .param("now", now)
        .param("expired", now.minusSeconds(5))
        .update();

    List<Job> jobs = outbox.claim("w", 3, now.plusSeconds(30), now);

    assertThat(jobs).hasSize(3);
    // RETURNING comes in no particular order: the dead claim is the one on its second attempt.
    assertThat(jobs).extracting(Job::attempt).containsExactlyInAnyOrder(2, 1, 1);
    List<OffsetDateTime> oldestReady =
        jdbc.sql(
                "SELECT run_at FROM outbox WHERE claimed_by = 'w' AND attempts = 1 ORDER BY run_at")
            .query(OffsetDateTime.class)
            .list();
    assertThat(oldestReady)
        .containsExactly(
            now.minus(BACKLOG, ChronoUnit.MILLIS), now.minus(BACKLOG - 1, ChronoUnit.MILLIS));
  }

  /**
   * What the claim would be without row locks: pick, then update. Concurrent claimers pick the same
   * rows, and an UPDATE that waited for another's row lock still matches (its id is still in the
   * list it picked), so a job runs twice. Kept to show that the test below catches it.
   */
  static final String NAIVE_CLAIM =
      """
      UPDATE outbox
         SET status = 'claimed', claimed_by = :worker, lease_until = :lease,
             attempts = attempts + 1
       WHERE id IN (SELECT id FROM outbox
                     WHERE status = 'ready' AND run_at <= :now
                     ORDER BY run_at LIMIT :limit)
      RETURNING id
      """;

  @Test
  void concurrentClaimersNeverShareAJob() throws Exception {
    List<Long> claimed = claimConcurrently(OutboxRepository.CLAIM);

    Set<Long> ids = new HashSet<>(claimed);
    assertThat(claimed.size() - ids.size()).as("jobs claimed twice").isZero();
    assertThat(ids).hasSize(BACKLOG);
  }

  @Test
  void theNaiveClaimIsCaughtSharingJobs() throws Exception {
    List<Long> claimed = claimConcurrently(NAIVE_CLAIM);

    assertThat(claimed.size() - new HashSet<>(claimed).size())
        .as("jobs claimed twice")
        .isPositive();
  }

  /** 16 claimers released at once, each claiming batches of 50 until nothing is left. */
  private List<Long> claimConcurrently(String sql) throws Exception {
    int claimers = 16;
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<List<Long>>> work = new ArrayList<>();
    for (int c = 0; c < claimers; c++) {
      String worker = "w" + c;
      work.add(
          () -> {
            start.await();
            List<Long> mine = new ArrayList<>();
            List<Long> batch;
            do {
              batch =
                  jdbc.sql(sql)
                      .param("worker", worker)
                      .param("lease", now.plusSeconds(30))
                      .param("now", now)
                      .param("limit", 50)
                      .query((rs, n) -> rs.getLong("id"))
                      .list();
              mine.addAll(batch);
            } while (!batch.isEmpty());
            return mine;
          });
    }
    List<Long> all = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(claimers)) {
      List<Future<List<Long>>> futures = work.stream().map(threads::submit).toList();
      start.countDown();
      for (Future<List<Long>> f : futures) {
        all.addAll(f.get());
      }
    }
    return all;
  }
}
