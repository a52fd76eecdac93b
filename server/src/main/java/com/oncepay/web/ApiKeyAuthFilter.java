package com.oncepay.web;

import com.oncepay.logging.LogContext;
import com.oncepay.merchant.ApiKeyAuthenticator;
import com.oncepay.merchant.AuthenticatedKey;
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
 * the request. Keys are looked up through {@link ApiKeyAuthenticator} (cached; a revoked key is
 * refused within a second on every instance, an unknown one costs one lookup); an address that
 * keeps presenting wrong keys is answered 429 by {@link FailedAuthLimiter} before any lookup.
 */
public class ApiKeyAuthFilter extends OncePerRequestFilter {

  public static final String MERCHANT_ATTRIBUTE = "oncepay.merchant";

  /** The key that authenticated ({@link com.oncepay.merchant.ApiKeyId}), for per-key limits. */
  public static final String KEY_ATTRIBUTE = "oncepay.api_key";

  private final ApiKeyAuthenticator keys;
  private final FailedAuthLimiter failures;

  public ApiKeyAuthFilter(ApiKeyAuthenticator keys, FailedAuthLimiter failures) {
    this.keys = keys;
    this.failures = failures;
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
    String key = bearer(header);
    if (key == null) {
      // Nothing was tried, so nothing is counted: there is no lookup to protect.
      unauthorized(response);
      return;
    }
    String address = request.getRemoteAddr();
    Optional<Duration> wait = failures.refusal(address);
    if (wait.isPresent()) {
      FilterAnswers.rateLimited(response, wait.get());
      return;
    }
    Optional<AuthenticatedKey> authenticated = keys.authenticate(key);
    if (authenticated.isEmpty()) {
      failures.failed(address);
      unauthorized(response);
      return;
    }
    request.setAttribute(MERCHANT_ATTRIBUTE, authenticated.get().merchant());
    request.setAttribute(KEY_ATTRIBUTE, authenticated.get().id());
    // For the rest of the request; RequestIdFilter drops it when the request ends. Never the key.
    LogContext.put(LogContext.MERCHANT_ID, authenticated.get().merchant().value());
    chain.doFilter(request, response);
  }

  /** The bearer token of an Authorization header, or null when there is none worth a lookup. */
  static String bearer(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String key = header.substring(7).trim();
    return key.isEmpty() || key.length() > 200 ? null : key;
  }

  private static void unauthorized(HttpServletResponse response) throws IOException {
    FilterAnswers.unauthorized(
        response, "Invalid API key provided. Send Authorization: Bearer <api key>.");
  }
}
