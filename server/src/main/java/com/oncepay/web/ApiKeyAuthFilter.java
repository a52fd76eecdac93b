package com.oncepay.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.oncepay.error.ErrorCode;
import com.oncepay.idempotency.StoredAnswer;
import com.oncepay.logging.LogContext;
import com.oncepay.merchant.MerchantId;
import com.oncepay.merchant.MerchantRepository;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <key>} on the merchant API and puts the merchant on
 * the request. Lookups are cached briefly so the hot path does not pay a query per request.
 */
public class ApiKeyAuthFilter extends OncePerRequestFilter {

  public static final String MERCHANT_ATTRIBUTE = "oncepay.merchant";

  private final MerchantRepository merchants;
  private final Cache<String, Optional<MerchantId>> cache =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(30)).build();

  public ApiKeyAuthFilter(MerchantRepository merchants) {
    this.merchants = merchants;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return !path.startsWith("/v1/") || path.startsWith("/v1/webhooks/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    Optional<MerchantId> merchant = Optional.empty();
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String key = header.substring(7).trim();
      if (!key.isEmpty() && key.length() <= 200) {
        merchant = cache.get(key, merchants::findByApiKey);
      }
    }
    if (merchant.isEmpty()) {
      StoredAnswer error =
          HttpErrors.answer(
              ErrorCode.UNAUTHORIZED,
              "Invalid API key provided. Send Authorization: Bearer <api key>.");
      response.setStatus(error.status());
      response.setContentType("application/json");
      response.setHeader("WWW-Authenticate", "Bearer");
      response.getOutputStream().write(error.body());
      return;
    }
    request.setAttribute(MERCHANT_ATTRIBUTE, merchant.get());
    // For the rest of the request; RequestIdFilter drops it when the request ends. Never the key.
    LogContext.put(LogContext.MERCHANT_ID, merchant.get().value());
    chain.doFilter(request, response);
  }
}
