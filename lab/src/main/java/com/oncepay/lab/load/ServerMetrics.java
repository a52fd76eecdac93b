package com.oncepay.lab.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The service's own view of a run: its {@code oncepay_*} timers' percentiles from {@code
 * /actuator/prometheus}, in milliseconds. Micrometer computes them over a decaying window of about
 * two minutes, so they describe the last scenario best on a server that ran nothing else (as with
 * {@code --spawn}).
 */
public final class ServerMetrics {

  private ServerMetrics() {}

  /** The percentiles by {@code metric{quantile="q"}}; empty when the service exposes none. */
  /**
   * @param operatorToken the service's operator credential, which opens its actuator endpoints
   *     other than health; null to ask without one (then an older service still answers)
   */
  public static Optional<SortedMap<String, Double>> scrape(
      HttpClient http, URI target, String operatorToken) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(target.resolve("/actuator/prometheus"))
            .timeout(Duration.ofSeconds(5))
            .GET();
    if (operatorToken != null && !operatorToken.isBlank()) {
      builder.header("Authorization", "Bearer " + operatorToken);
    }
    HttpRequest request = builder.build();
    try {
      HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
      return answer.statusCode() == 200 ? Optional.of(parse(answer.body())) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * Keeps {@code oncepay_…_seconds{…quantile="q"…} v} lines, as milliseconds, of timers that have
   * recorded something ({@code _count} above 0, when the exposition has one).
   */
  static SortedMap<String, Double> parse(String exposition) {
    SortedMap<String, Double> percentiles = new TreeMap<>();
    Set<String> idle = new HashSet<>();
    for (String line : exposition.split("\n")) {
      if (line.startsWith("oncepay_") && line.matches("oncepay_\\w+_seconds_count \\S+")) {
        String[] parts = line.split(" ");
        if (Double.parseDouble(parts[1]) == 0) {
          idle.add(parts[0].substring(0, parts[0].length() - "_seconds_count".length()));
        }
      }
    }
    for (String line : exposition.split("\n")) {
      if (!line.startsWith("oncepay_") || !line.contains("quantile=\"")) {
        continue;
      }
      int brace = line.indexOf('{');
      int close = line.lastIndexOf('}');
      if (brace < 0 || close < brace) {
        continue;
      }
      String name = line.substring(0, brace);
      if (!name.endsWith("_seconds")) {
        continue;
      }
      String labels = line.substring(brace + 1, close);
      double value;
      try {
        value = Double.parseDouble(line.substring(close + 1).trim());
      } catch (NumberFormatException e) {
        continue;
      }
      if (Double.isNaN(value)) {
        continue;
      }
      String metric = name.substring(0, name.length() - "_seconds".length());
      if (idle.contains(metric)) {
        continue;
      }
      String key = metric + "{" + labels + "}";
      percentiles.put(key, Math.round(value * 1e6) / 1000.0);
    }
    return percentiles;
  }
}
