package com.oncepay.redis;

import com.oncepay.config.OncepayProperties;
import com.oncepay.meters.Buckets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.redisson.RedissonObject;
import org.redisson.api.RFencedLock;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Per-object locks in Redis (Redisson's fenced lock), each handing out a fencing token with the
 * lock, atomically, in the same script: a token proves its holder held the lock when it was issued,
 * and tokens of one object only grow. The guarded write in PostgreSQL checks the token ({@code
 * fence < :token}), so PostgreSQL stays the arbiter and Redis only makes competing requests queue.
 *
 * <p><b>Lifetime.</b> A lock is taken inside the claim transaction and released after that
 * transaction completes (commit or rollback), never across the gateway call. The wait for it is
 * bounded ({@code lock-wait}, then the claim is lost to the holder); the lease is explicit ({@code
 * lock-lease}) and never renewed: Redisson's watchdog would keep extending the lease of a paused or
 * partitioned holder, which is exactly the holder the fence exists to stop, so it is not used.
 *
 * <p><b>Counters that restart lower.</b> A Redis that keeps nothing on disk forgets every counter
 * on restart, and an idle counter expires ({@code counter-ttl}); the next tokens are then lower
 * than the fences already stored, and every fenced write would be refused forever. {@link
 * Hold#reissue} repairs that: a holder whose write met a stored fence at or above its token, and
 * that still holds the lock, moves the counter up to the stored fence (set-if-greater, so it never
 * goes down) and takes a new token above it by re-entering its own lock. A holder that no longer
 * holds the lock gets nothing: its lease ran out and the fence did its job.
 */
public final class FencedLocks {

  static final String WAIT_METRIC = "oncepay.redis.lock.wait";
  static final String FENCE_METRIC = "oncepay.redis.fence";
  static final String LEASE_LOST_METRIC = "oncepay.redis.lease.lost";

  /** Between two tries for a busy lock: a claim holds it for a few milliseconds. */
  private static final long POLL_MIN_NANOS = Duration.ofMillis(2).toNanos();

  private static final long POLL_MAX_NANOS = Duration.ofMillis(8).toNanos();

  private static final Duration[] BUCKETS =
      Buckets.ofMillis(1, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000);

  /**
   * Redisson keeps a fenced lock's counter under this prefix ({@code RedissonFencedLock}); the
   * restart test ({@code RedisRestartIT}) fails if a Redisson upgrade renames it.
   */
  private static final String TOKEN_PREFIX = "redisson_lock_token";

  private static final String RAISE_COUNTER =
      """
      local current = tonumber(redis.call('get', KEYS[1]) or '0')
      if current < tonumber(ARGV[1]) then redis.call('set', KEYS[1], ARGV[1]) end
      redis.call('pexpire', KEYS[1], ARGV[2])
      return current
      """;

  private static final Logger log = LoggerFactory.getLogger(FencedLocks.class);

  private final RedissonClient redisson;
  private final OncepayProperties.Redis settings;
  private final MeterRegistry meters;
  private final Counter reissued;
  private final Counter fencedOut;
  private final Counter leaseLost;

  public FencedLocks(
      RedissonClient redisson, OncepayProperties.Redis settings, MeterRegistry meters) {
    this.redisson = redisson;
    this.settings = settings;
    this.meters = meters;
    this.reissued = fenceCounter("reissued", "a counter behind the stored fence was moved past it");
    this.fencedOut = fenceCounter("fenced_out", "a write refused: its holder had lost the lock");
    this.leaseLost =
        Counter.builder(LEASE_LOST_METRIC)
            .description("locks whose lease ran out before their claim transaction ended")
            .register(meters);
  }

  private Counter fenceCounter(String outcome, String description) {
    return Counter.builder(FENCE_METRIC)
        .description(
            "fenced writes refused by a stored fence at or above the token: " + description)
        .tag("outcome", outcome)
        .register(meters);
  }

  /**
   * Takes the lock on {@code name} for the current transaction, waiting at most {@code lock-wait}.
   * The wait holds the claim transaction's pooled connection, so it is kept short: a lock still
   * held after it means another request is claiming the same object right now, and the caller
   * answers as for a lost race (busy, with Retry-After, unless the state already says no).
   *
   * @return the hold, or empty when another holder kept the lock past {@code lock-wait}
   * @throws RedisUnavailableException Redis did not answer within {@code timeout}
   */
  public Optional<Hold> acquire(String name) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      throw new IllegalStateException("a Redis lock is taken inside the claim transaction only");
    }
    RFencedLock lock = redisson.getFencedLock(name);
    long start = System.nanoTime();
    long deadline = start + settings.lockWait().toNanos();
    String outcome = "unavailable";
    try {
      Long token = tryOnce(lock);
      // Polled with jitter, not queued on Redisson's pub/sub wake-up: that costs each waiter a
      // subscribe and an unsubscribe round trip and wakes the waiters at every unlock, all while
      // the claim holds its pooled connection; a poll is one script call and ends on our clock.
      while (token == null && System.nanoTime() < deadline) {
        LockSupport.parkNanos(
            Math.min(
                deadline - System.nanoTime(),
                ThreadLocalRandom.current().nextLong(POLL_MIN_NANOS, POLL_MAX_NANOS)));
        token = tryOnce(lock);
      }
      if (token == null) {
        outcome = "busy";
        return Optional.empty();
      }
      outcome = "acquired";
      Hold hold = new Hold(name, lock, Thread.currentThread().threadId(), token);
      TransactionSynchronizationManager.registerSynchronization(hold);
      return Optional.of(hold);
    } catch (RedisException e) {
      throw unavailable(e);
    } finally {
      Timer.builder(WAIT_METRIC)
          .description("time to take a Redis lock (redis strategy), by outcome")
          .serviceLevelObjectives(BUCKETS)
          .tag("outcome", outcome)
          .register(meters)
          .record(Duration.ofNanos(System.nanoTime() - start));
    }
  }

  /**
   * One attempt, no waiting: Redisson subscribes to the lock's channel only for a positive wait.
   */
  private Long tryOnce(RFencedLock lock) {
    return lock.tryLockAndGetToken(0, settings.lockLease().toMillis(), TimeUnit.MILLISECONDS);
  }

  private static RedisUnavailableException unavailable(RedisException e) {
    return new RedisUnavailableException("Redis did not answer: " + e.getMessage(), e);
  }

  /** One lock held for the current transaction, with its latest fencing token. */
  public final class Hold implements TransactionSynchronization {

    private final String name;
    private final RFencedLock lock;
    private final long threadId;
    private long token;

    private Hold(String name, RFencedLock lock, long threadId, long token) {
      this.name = name;
      this.lock = lock;
      this.threadId = threadId;
      this.token = token;
    }

    public long token() {
      return token;
    }

    /**
     * The fenced write met a stored fence at or above {@link #token()}. If this holder still holds
     * the lock, the counter was reset (a Redis restart, an expired counter): raises it to at least
     * {@code storedFence} and takes a new token above it, still under the lock. Otherwise the lease
     * ran out and another holder wrote: empty, and the write stays refused.
     */
    public OptionalLong reissue(long storedFence) {
      try {
        if (!lock.isHeldByThread(threadId)) {
          fencedOut.increment();
          return OptionalLong.empty();
        }
        RScript script = redisson.getScript(StringCodec.INSTANCE);
        script.eval(
            name,
            RScript.Mode.READ_WRITE,
            RAISE_COUNTER,
            RScript.ReturnType.INTEGER,
            List.<Object>of(RedissonObject.prefixName(TOKEN_PREFIX, name)),
            Long.toString(storedFence),
            Long.toString(settings.counterTtl().toMillis()));
        // Re-entering our own lock issues the next token atomically with the ownership check;
        // the extra hold it adds is given back at once, so one release still frees the lock.
        Long next =
            lock.tryLockAndGetToken(0, settings.lockLease().toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
          fencedOut.increment();
          return OptionalLong.empty();
        }
        lock.unlock();
        reissued.increment();
        log.warn(
            "fencing counter of {} was behind the stored fence {} (Redis restarted or the counter"
                + " expired); moved it past, new token {}",
            name,
            storedFence,
            next);
        token = next;
        return OptionalLong.of(next);
      } catch (RedisException e) {
        throw unavailable(e);
      }
    }

    /**
     * After commit or rollback, on the claim's own thread: release, and let an idle counter expire.
     * Both are sent without waiting; a release that fails leaves the lock to its lease.
     */
    @Override
    public void afterCompletion(int status) {
      try {
        lock.unlockAsync(threadId)
            .whenComplete(
                (done, e) -> {
                  if (e != null) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof IllegalMonitorStateException) {
                      leaseLost.increment();
                      log.warn("lease of lock {} ran out before its transaction ended", name);
                    } else {
                      log.warn("could not release lock {}: {}", name, cause.toString());
                    }
                  }
                });
        redisson
            .getAtomicLong(RedissonObject.prefixName(TOKEN_PREFIX, name))
            .expireAsync(settings.counterTtl());
      } catch (RuntimeException e) {
        log.warn("could not release lock {}: {}", name, e.toString());
      }
    }
  }
}
