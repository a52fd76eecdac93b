package com.oncepay.web;

import com.oncepay.error.ErrorCode;
import com.oncepay.error.OncepayException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Load shedding: at most {@code maxInFlight} API requests are served at once by this instance.
 * Virtual threads make taking every request cheap, so without a bound a flood piles up waiting for
 * the 20 pooled connections and the heap fills with waiting requests; past the bound a request is
 * answered 503 with Retry-After at once, before it costs a key lookup or a connection, and the
 * balancer or the client tries again.
 */
public class InFlightLimitFilter extends OncePerRequestFilter {

  public static final String SHED_METRIC = "oncepay.http.shed";

  private final Semaphore slots;
  private final Counter shed;

  public InFlightLimitFilter(int maxInFlight, MeterRegistry meters) {
    this.slots = new Semaphore(maxInFlight);
    this.shed =
        Counter.builder(SHED_METRIC)
            .description("API requests answered 503 because the instance was at max-in-flight")
            .register(meters);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!slots.tryAcquire()) {
      shed.increment();
      Responses.write(
          response,
          OncepayException.retryLater(
              ErrorCode.SERVICE_UNAVAILABLE,
              "This instance is at its limit of requests in flight; retry with the same"
                  + " Idempotency-Key.",
              Duration.ofSeconds(1)));
      return;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      slots.release();
    }
  }
}
