package com.oncepay.operator;

import com.oncepay.config.OncepayProperties;
import com.oncepay.web.FailedAuthLimiter;
import com.oncepay.web.FilterAnswers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The operator credential, on the operator API ({@code /operator/...}) and on every actuator
 * endpoint but health, liveness and readiness (which HAProxy and orchestrators call without one).
 *
 * <p>It decides by the servlet path, which Tomcat has already percent-decoded, stripped of {@code
 * ;parameters} and normalised: the path the router matches, so {@code /%6Fperator/v1/...} or {@code
 * /actuator/prometheus;x} is guarded like its plain form. The operator controllers also require the
 * attribute set here, so a route this filter did not see still refuses.
 *
 * <p>Without ONCEPAY_OPERATOR_TOKEN these paths answer 404 {@code not_found}: there is no
 * credential that could open them, so on this instance they do not exist (a 401 would invite
 * guessing at a credential that cannot succeed). The token is compared in constant time (both sides
 * hashed first, so not even its length shows), and wrong tokens count against the client address in
 * the same {@link FailedAuthLimiter} as wrong merchant keys.
 */
public final class OperatorAuthFilter extends OncePerRequestFilter {

  /** Set on a request the operator credential opened. */
  public static final String OPERATOR_ATTRIBUTE = "oncepay.operator";

  static final String PREFIX = "/operator";

  private static final Set<String> OPEN_ACTUATOR =
      Set.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness");

  private final byte[] tokenHash;
  private final FailedAuthLimiter failures;

  public OperatorAuthFilter(OncepayProperties.Operator operator, FailedAuthLimiter failures) {
    this.tokenHash = operator.enabled() ? sha256(operator.token().strip()) : null;
    this.failures = failures;
  }

  /** Whether the operator credential guards {@code path} (a normalised servlet path). */
  static boolean guarded(String path) {
    if (path.equals(PREFIX) || path.startsWith(PREFIX + "/")) {
      return true;
    }
    return (path.equals("/actuator") || path.startsWith("/actuator/"))
        && !OPEN_ACTUATOR.contains(path);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    if (!guarded(path)) {
      chain.doFilter(request, response);
      return;
    }
    if (tokenHash == null) {
      FilterAnswers.notFound(response);
      return;
    }
    String token = bearer(request.getHeader("Authorization"));
    if (token == null) {
      FilterAnswers.unauthorized(
          response, "This needs the operator credential: Authorization: Bearer <operator token>.");
      return;
    }
    String address = request.getRemoteAddr();
    Optional<Duration> wait = failures.refusal(address);
    if (wait.isPresent()) {
      FilterAnswers.rateLimited(response, wait.get());
      return;
    }
    if (!MessageDigest.isEqual(tokenHash, sha256(token))) {
      failures.failed(address);
      FilterAnswers.unauthorized(response, "Invalid operator credential.");
      return;
    }
    request.setAttribute(OPERATOR_ATTRIBUTE, Boolean.TRUE);
    chain.doFilter(request, response);
  }

  private static String bearer(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = header.substring(7).strip();
    return token.isEmpty() || token.length() > 1000 ? null : token;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
