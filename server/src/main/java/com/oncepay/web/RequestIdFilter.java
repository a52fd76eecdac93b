package com.oncepay.web;

import com.oncepay.logging.LogContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first filter of every request: gives it a request id (the caller's {@code X-Request-Id} when
 * it is 1–128 visible ASCII characters, else a fresh UUID), echoes it on the answer — including the
 * answers other filters write themselves (401, 413, 415) — and puts it in the log context for every
 * line of the request. When the request ends it writes one line for it (method, path, status,
 * duration) on the {@code oncepay.access} logger, and drops the request's log context.
 */
public class RequestIdFilter extends OncePerRequestFilter {

  public static final String HEADER = "X-Request-Id";

  /** The request log's logger: {@code logging.level.oncepay.access=warn} turns it off. */
  public static final String ACCESS_LOGGER = "oncepay.access";

  private static final Logger access = LoggerFactory.getLogger(ACCESS_LOGGER);

  private static final int MAX_LENGTH = 128;

  /**
   * A run of 13 or more digits in a path is no id of ours (a UUID has at most 12 in a row) and may
   * be a card number a client put in a URL by mistake: it is masked in the request log.
   */
  private static final Pattern LONG_DIGITS = Pattern.compile("\\d{13,}");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String id = accepted(request.getHeader(HEADER));
    if (id == null) {
      id = UUID.randomUUID().toString();
    }
    response.setHeader(HEADER, id);
    Map<String, String> outer = LogContext.snapshot();
    LogContext.put(LogContext.REQUEST_ID, id);
    long started = System.nanoTime();
    boolean failed = true;
    try {
      chain.doFilter(request, response);
      failed = false;
    } finally {
      try {
        if (!request.getRequestURI().startsWith("/actuator/")) {
          access.info(
              "{} {} {} {} ms",
              request.getMethod(),
              LONG_DIGITS.matcher(request.getRequestURI()).replaceAll("[digits]"),
              // An exception that escapes every handler becomes a 500 after this filter.
              failed ? 500 : response.getStatus(),
              TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
      } finally {
        LogContext.restore(outer);
      }
    }
  }

  /** The caller's id if it is usable as is, else null. */
  static String accepted(String header) {
    if (header == null || header.isEmpty() || header.length() > MAX_LENGTH) {
      return null;
    }
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return null;
      }
    }
    return header;
  }
}
