package com.oncepay.web;

import com.oncepay.meters.Buckets;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Times every API request, outermost, so answers written by the other filters (401, 413, 415) are
 * counted too. Tags are few and bounded: the method, the route as the matched pattern ({@code
 * /v1/orders/{id}/payments}, never a raw path with an id in it) and the status class.
 */
public class RequestMetricsFilter extends OncePerRequestFilter {

  public static final String METRIC = "oncepay.http.requests";

  /** The route of a request answered before any handler matched it (bad API key, body too big). */
  public static final String UNMATCHED = "none";

  /**
   * Histogram buckets: an answer from the database alone takes milliseconds, one with a gateway
   * call tens to hundreds, and the slow tail (a slow gateway, a lock wait) seconds.
   */
  static final Duration[] BUCKETS =
      Buckets.ofMillis(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000);

  /** Any other token a client sends as a method is tagged {@code OTHER}, to keep tags bounded. */
  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  /** {@code {name:word|word|…}}: a path variable that can only be one of a few words. */
  private static final Pattern WORD_LIST_VARIABLE =
      Pattern.compile("\\{(\\w+):([a-z_]+(?:\\|[a-z_]+)*)}");

  private final MeterRegistry meters;

  /**
   * The timer of each tag combination, built and registered once instead of on every request (an
   * id, sorted tags, the registry's lookup each time). Bounded as the tags are: methods × routes ×
   * status classes.
   */
  private final Map<Tags, Timer> timers = new ConcurrentHashMap<>();

  /** Whether a route pattern has a word-list variable to write out; most have none. */
  private static final Map<String, Boolean> HAS_WORD_LIST = new ConcurrentHashMap<>();

  private record Tags(String method, String route, String outcome) {}

  public RequestMetricsFilter(MeterRegistry meters) {
    this.meters = meters;
  }

  /** Scrapes and health checks are not traffic. */
  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return request.getRequestURI().startsWith("/actuator/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long start = System.nanoTime();
    boolean failed = true;
    try {
      chain.doFilter(request, response);
      failed = false;
    } finally {
      // An exception out of the chain becomes the container's 500, whatever the status says now.
      int status = failed ? 500 : response.getStatus();
      timers
          .computeIfAbsent(
              new Tags(method(request), route(request), outcome(status)), this::register)
          .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  private Timer register(Tags tags) {
    return Timer.builder(METRIC)
        .description("API requests, from the first filter to the last byte written")
        .serviceLevelObjectives(BUCKETS)
        .tag("method", tags.method())
        .tag("route", tags.route())
        .tag("outcome", tags.outcome())
        .register(meters);
  }

  private static String method(HttpServletRequest request) {
    String method = request.getMethod();
    return METHODS.contains(method) ? method : "OTHER";
  }

  /**
   * The matched pattern. A variable whose pattern is a list of words ({@code
   * {action:capture|void|refunds}}) is written as the word that matched, so capture, void and
   * refunds, one endpoint, are three routes; any other variable stays as its name.
   */
  static String route(HttpServletRequest request) {
    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    if (pattern == null) {
      return UNMATCHED;
    }
    String template = pattern.toString();
    if (!HAS_WORD_LIST.computeIfAbsent(template, t -> WORD_LIST_VARIABLE.matcher(t).find())) {
      return template;
    }
    Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    Matcher words = WORD_LIST_VARIABLE.matcher(template);
    StringBuilder route = new StringBuilder();
    while (words.find()) {
      Object value = variables instanceof Map<?, ?> map ? map.get(words.group(1)) : null;
      boolean listed =
          value != null && Arrays.asList(words.group(2).split("\\|")).contains(value.toString());
      words.appendReplacement(
          route, Matcher.quoteReplacement(listed ? value.toString() : "{" + words.group(1) + "}"));
    }
    words.appendTail(route);
    return route.toString();
  }

  /** The status class: {@code 2xx}, {@code 4xx}, {@code 5xx}. */
  static String outcome(int status) {
    return (status / 100) + "xx";
  }
}
