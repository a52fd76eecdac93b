package com.oncepay.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;
import java.util.Optional;

/**
 * Limits failed authentications (a wrong merchant key, a wrong operator token) per client address:
 * {@code limit} failures, refilled evenly over {@code window}; past that the address is answered
 * 429 {@code rate_limited} with Retry-After, before any lookup. Successful requests cost nothing,
 * so a shop's traffic never meets it. One Bucket4j bucket per address, kept while it is used.
 *
 * <p>The address is the servlet's remote address. Behind a balancer that is the balancer's, unless
 * the balancer's X-Forwarded-For is trusted (server.forward-headers-strategy=native,
 * docs/security.md): otherwise one client's failures would lock out everyone behind it.
 */
public final class FailedAuthLimiter {

  private final long limit;
  private final Duration window;
  private final Cache<String, Bucket> buckets;

  public FailedAuthLimiter(int limit, Duration window) {
    this.limit = limit;
    this.window = window;
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(window.multipliedBy(2))
            .build();
  }

  /** How long {@code address} must wait before trying again; empty when it may try now. */
  public Optional<Duration> refusal(String address) {
    Bucket bucket = buckets.getIfPresent(address);
    if (bucket == null) {
      return Optional.empty();
    }
    EstimationProbe probe = bucket.estimateAbilityToConsume(1);
    return probe.canBeConsumed()
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  /** Counts one failed authentication from {@code address}. */
  public void failed(String address) {
    buckets.get(address, a -> newBucket()).tryConsume(1);
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(limit).refillGreedy(limit, window).build())
        .build();
  }
}
