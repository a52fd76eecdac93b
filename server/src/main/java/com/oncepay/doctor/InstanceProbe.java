package com.oncepay.doctor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Asks the running instance over HTTP: is it healthy, how much heap has it, what is its time. */
final class InstanceProbe {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final URI target;
  private final java.util.Optional<String> operatorToken;
  private final String base;
  private final HttpClient http;
  private final JsonMapper json = JsonMapper.builder().build();

  InstanceProbe(URI target, java.util.Optional<String> operatorToken) {
    this.target = target;
    this.operatorToken = operatorToken;
    // Appended, not resolved: a target with a path prefix (behind a proxy) keeps it.
    this.base = target.toString().replaceAll("/+$", "");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  /** The health answer and the instance's clock as its Date header shows it. */
  record Health(Finding finding, Optional<Duration> skew) {}

  Health health() {
    Instant sent = Instant.now();
    HttpResponse<String> response;
    try {
      response = get("/actuator/health");
    } catch (IOException e) {
      return new Health(
          OncepayRules.unreachable(target.toString(), Checks.message(e)), Optional.empty());
    }
    Instant received = Instant.now();
    Optional<Duration> skew =
        response
            .headers()
            .firstValue("Date")
            .flatMap(InstanceProbe::parseHttpDate)
            .map(date -> skewOfSecondClock(date, sent, received));
    return new Health(OncepayRules.health(response.statusCode(), status(response.body())), skew);
  }

  private String status(String body) {
    try {
      return json.readTree(body).path("status").asString("(none)");
    } catch (RuntimeException e) {
      return "(not JSON)";
    }
  }

  /** jvm.memory.max summed over the heap pools, as the instance's actuator reports it. */
  Finding heap(long minBytes) {
    return Checks.attempt(
        "instance-heap",
        () -> {
          HttpResponse<String> response = get("/actuator/metrics/jvm.memory.max?tag=area:heap");
          if (response.statusCode() != 200) {
            throw new IOException(
                "GET /actuator/metrics/jvm.memory.max answered " + response.statusCode());
          }
          JsonNode measurements = json.readTree(response.body()).path("measurements");
          for (JsonNode m : measurements) {
            if ("VALUE".equals(m.path("statistic").asString())) {
              return OncepayRules.heap((long) m.path("value").asDouble(), minBytes);
            }
          }
          throw new IOException("jvm.memory.max has no VALUE measurement");
        });
  }

  /**
   * The instance stamped {@code date} (truncated to whole seconds, so its clock read somewhere in
   * [date, date + 1 s)) at some moment between {@code sent} and {@code received} on our clock. The
   * skew is the smallest distance between those two intervals: zero when they overlap, so a
   * truncated header never looks like skew.
   */
  static Duration skewOfSecondClock(Instant date, Instant sent, Instant received) {
    Instant dateEnd = date.plusSeconds(1);
    if (dateEnd.isBefore(sent)) {
      return Duration.between(sent, dateEnd);
    }
    if (date.isAfter(received)) {
      return Duration.between(received, date);
    }
    return Duration.ZERO;
  }

  private static Optional<Instant> parseHttpDate(String value) {
    try {
      return Optional.of(
          ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private HttpResponse<String> get(String path) throws IOException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET();
    operatorToken.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
    HttpRequest request = builder.build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
