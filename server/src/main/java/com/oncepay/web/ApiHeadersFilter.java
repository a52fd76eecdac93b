package com.oncepay.web;

import com.oncepay.error.ErrorCode;
import com.oncepay.error.Rejection;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers every answer carries and headers no request may repeat. Answers are never cached ({@code
 * Cache-Control: no-store}: they hold payment state and secrets) nor sniffed into another type
 * ({@code X-Content-Type-Options: nosniff}). A request with two {@code Idempotency-Key} or two
 * {@code Authorization} headers is refused with 400 before anything reads them: joined, two keys
 * would become a third; taken first-wins, a proxy and the client could mean different merchants.
 */
public class ApiHeadersFilter extends OncePerRequestFilter {

  static final List<String> SINGLE = List.of("Idempotency-Key", "Authorization");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    for (String name : SINGLE) {
      if (Collections.list(request.getHeaders(name)).size() > 1) {
        BodyLimitFilter.write(
            response,
            HttpErrors.answer(
                new Rejection(
                    ErrorCode.PARAMETER_INVALID, "Send the " + name + " header only once.", name)));
        return;
      }
    }
    chain.doFilter(request, response);
  }
}
