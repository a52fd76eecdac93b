package com.oncepay.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.oncepay.config.OncepayProperties;
import com.oncepay.error.ErrorCode;
import com.oncepay.error.OncepayException;
import com.oncepay.merchant.MerchantId;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Each merchant's requests per second, per instance: a token bucket (Bucket4j) of {@code burst}
 * tokens refilled at {@code requestsPerSecond}. Past it, 429 {@code rate_limited} with Retry-After
 * saying when a token is back. Runs after authentication, so the bucket is the key's merchant's,
 * and a flood under one key cannot take the others' capacity.
 */
public class RateLimitFilter extends OncePerRequestFilter {

  private final OncepayProperties.Limits limits;
  private final Cache<MerchantId, Bucket> buckets =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();

  public RateLimitFilter(OncepayProperties.Limits limits) {
    this.limits = limits;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return limits.requestsPerSecond() == 0;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!(request.getAttribute(ApiKeyAuthFilter.MERCHANT_ATTRIBUTE)
        instanceof MerchantId merchant)) {
      chain.doFilter(request, response); // not a merchant's call (gateway webhooks)
      return;
    }
    ConsumptionProbe probe =
        buckets.get(merchant, m -> newBucket()).tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      chain.doFilter(request, response);
      return;
    }
    Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
    OncepayException limited =
        OncepayException.retryLater(
            ErrorCode.RATE_LIMITED,
            "Too many requests for this API key; retry after the Retry-After seconds.",
            wait.isZero() ? Duration.ofSeconds(1) : wait.plusMillis(999));
    Responses.write(response, limited);
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(limits.burst())
                .refillGreedy(limits.requestsPerSecond(), Duration.ofSeconds(1))
                .build())
        .build();
  }
}
