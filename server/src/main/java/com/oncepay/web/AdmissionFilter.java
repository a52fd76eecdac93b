package com.oncepay.web;

import com.oncepay.admission.Admission;
import com.oncepay.error.ErrorCode;
import com.oncepay.error.OncepayException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs an authenticated, rate-checked API request only once it has a slot ({@link Admission}): the
 * last filter, so a request that is refused anyway (no key, over its rate) never waits for one. A
 * request that waited the whole {@code limits.admission-wait} is answered 503 with Retry-After.
 */
public class AdmissionFilter extends OncePerRequestFilter {

  private final Admission admission;

  public AdmissionFilter(Admission admission) {
    this.admission = admission;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Admission.Slot> slot;
    try {
      slot = admission.enter();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServletException("interrupted while waiting for a slot to run", e);
    }
    if (slot.isEmpty()) {
      Responses.write(
          response,
          OncepayException.retryLater(
              ErrorCode.SERVICE_UNAVAILABLE,
              "This instance had no slot to run the request within "
                  + admission.maxWait().toMillis()
                  + " ms; retry with the same Idempotency-Key.",
              Duration.ofSeconds(1)));
      return;
    }
    try (Admission.Slot running = slot.get()) {
      chain.doFilter(request, response);
    }
  }
}
