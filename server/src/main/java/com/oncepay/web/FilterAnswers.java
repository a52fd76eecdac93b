package com.oncepay.web;

import com.oncepay.error.ErrorCode;
import com.oncepay.idempotency.StoredAnswer;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;

/** Error answers written by filters, before Spring MVC: the same error object as everywhere. */
public final class FilterAnswers {

  private FilterAnswers() {}

  public static void unauthorized(HttpServletResponse response, String message) throws IOException {
    response.setHeader("WWW-Authenticate", "Bearer");
    write(response, HttpErrors.answer(ErrorCode.UNAUTHORIZED, message), null);
  }

  public static void notFound(HttpServletResponse response) throws IOException {
    write(response, HttpErrors.answer(ErrorCode.NOT_FOUND, "No such route."), null);
  }

  public static void rateLimited(HttpServletResponse response, Duration wait) throws IOException {
    write(
        response,
        HttpErrors.answer(
            ErrorCode.RATE_LIMITED,
            "Too many failed authentications from this address; retry after the Retry-After"
                + " seconds."),
        wait);
  }

  private static void write(HttpServletResponse response, StoredAnswer error, Duration retryAfter)
      throws IOException {
    response.setStatus(error.status());
    response.setContentType("application/json");
    if (retryAfter != null) {
      // Whole seconds, rounded up: a client that waits this long finds a failure allowed again.
      long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
      response.setHeader("Retry-After", Long.toString(seconds));
    }
    response.getOutputStream().write(error.body());
  }
}
