package com.oncepay.web;

import com.oncepay.error.ErrorCode;
import com.oncepay.error.Rejection;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Only canonical paths go further. oncepay's paths are plain ASCII words, ids and slashes; none
 * needs a percent-escape, a matrix parameter ({@code ;a=b}), an empty or dot segment. Tomcat and
 * Spring would each decode and normalise such a path in their own way, so a filter matching the raw
 * path ({@code /%76%31/orders} is {@code /v1/orders} to the router) could be stepped around;
 * refusing them first means every later decision — authentication included — sees the path the
 * router sees.
 */
public class PathGuardFilter extends OncePerRequestFilter {

  private static final Pattern CANONICAL =
      Pattern.compile("(/[A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-]+)*)+|/");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI();
    if (path == null || path.length() > 512 || !CANONICAL.matcher(path).matches()) {
      BodyLimitFilter.write(
          response,
          HttpErrors.answer(
              new Rejection(
                  ErrorCode.PARAMETER_INVALID,
                  "The request path is not one oncepay serves: paths carry no percent-escapes,"
                      + " matrix parameters (;), empty or dot segments, or a trailing slash.",
                  "path")));
      return;
    }
    chain.doFilter(request, response);
  }

  /** Errors are rendered for any path, however malformed. */
  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return true;
  }
}
