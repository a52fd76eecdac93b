package com.oncepay.merchant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Finds the key a request presents, with a cache in front of the database.
 *
 * <p>Positive answers are trusted for at most {@link #MAX_STALENESS} after they were read, unless
 * the {@link KeyChangeListener} has confirmed since that no change is pending: a key revoked or
 * rotated on any instance is then refused here within {@code MAX_STALENESS} even when the listener
 * is down or there is none (behind a pooler without ONCEPAY_DB_LISTEN_URL), and within milliseconds
 * when it runs. Expiry needs no notice: each answer carries the key's expiry, checked on every
 * request.
 *
 * <p>Negative answers (no such key) are kept for the cache's lifetime, so an unknown key costs one
 * lookup however often it is sent; a key issued later clears them through the notification. Entries
 * are keyed by the key's hash, so the cache never holds a key.
 */
public final class ApiKeyAuthenticator {

  public static final String LOOKUPS_METRIC = "oncepay.auth.key_lookups";

  /** How old a cached positive answer may be when the listener cannot vouch for it. */
  public static final Duration MAX_STALENESS = Duration.ofMillis(800);

  /** An answer, when its read began, and how many invalidations had happened by then. */
  private record Entry(Optional<AuthenticatedKey> key, long loadedAtNanos, long generation) {}

  private final MerchantRepository merchants;
  private final Clock clock;
  private final LongSupplier confirmedAtNanos;
  private final Counter lookups;
  private final Cache<ByteBuffer, Entry> cache;
  private final AtomicLong generation = new AtomicLong();

  /**
   * @param confirmedAtNanos when the listener last confirmed the cache current ({@link
   *     KeyChangeListener#confirmedAtNanos}); {@code () -> Long.MIN_VALUE} without one
   */
  public ApiKeyAuthenticator(
      MerchantRepository merchants,
      Clock clock,
      LongSupplier confirmedAtNanos,
      Duration ttl,
      MeterRegistry meters) {
    this.merchants = merchants;
    this.clock = clock;
    this.confirmedAtNanos = confirmedAtNanos;
    this.lookups =
        Counter.builder(LOOKUPS_METRIC)
            .description("API keys looked up in the database (cache misses)")
            .register(meters);
    this.cache = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(ttl).build();
  }

  /** The working key with this text, or empty (unknown, revoked or expired). */
  public Optional<AuthenticatedKey> authenticate(String presented) {
    ByteBuffer hash = ByteBuffer.wrap(ApiKeys.hash(presented));
    long now = System.nanoTime();
    Entry entry = cache.getIfPresent(hash);
    if (entry == null || !trusted(entry, now)) {
      // Read the clock before the lookup: an entry is as old as the moment its read began.
      long loadedAt = System.nanoTime();
      long loadedIn = generation.get();
      lookups.increment();
      entry = new Entry(merchants.authenticate(hash.array()), loadedAt, loadedIn);
      cache.put(hash, entry);
    }
    return entry.key().filter(k -> k.validAt(clock.instant()));
  }

  /**
   * Whether the listener has confirmed the cache current since {@code nanos} ({@link
   * System#nanoTime}): every key change committed before then has reached it.
   */
  public boolean confirmedSince(long nanos) {
    long confirmed = confirmedAtNanos.getAsLong();
    return confirmed != Long.MIN_VALUE && confirmed - nanos > 0;
  }

  /** Drops every cached answer: a key changed somewhere. */
  public void invalidateAll() {
    generation.incrementAndGet();
    cache.invalidateAll();
  }

  private boolean trusted(Entry entry, long now) {
    if (entry.key().isEmpty() || now - entry.loadedAtNanos() < MAX_STALENESS.toNanos()) {
      return true;
    }
    // A read that began before the last invalidation may have seen the key before its change and
    // been stored after the cache was dropped: only its age vouches for it.
    if (entry.generation() != generation.get()) {
      return false;
    }
    long confirmed = confirmedAtNanos.getAsLong();
    return confirmed != Long.MIN_VALUE && now - confirmed < MAX_STALENESS.toNanos();
  }
}
