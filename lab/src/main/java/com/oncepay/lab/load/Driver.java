package com.oncepay.lab.load;

import com.oncepay.client.ApiResult;
import com.oncepay.client.Attempt;
import com.oncepay.client.OncepayClient;
import com.oncepay.client.OncepayConnectionException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * The two ways a scenario talks to the service, both through {@link OncepayClient} and both counted
 * in the scenario's metrics:
 *
 * <ul>
 *   <li>{@link #send}: one attempt, no retry, the exact status and bytes — for scenarios that must
 *       see every answer (replay comparison, status counts);
 *   <li>{@link #shop()}: the typed calls with the client's safe retries — for scenarios that model
 *       a well-behaved shop.
 * </ul>
 *
 * At most {@code concurrency} requests of {@link #send} are in flight at once.
 */
public final class Driver implements AutoCloseable {

  /** An exact answer; status -1 when no answer came. */
  public record Exchange(int status, byte[] body, boolean replayed) {
    public boolean isSuccess() {
      return status >= 200 && status < 300;
    }
  }

  /** The shop's attempts per call by default: a few retries, as most shops have. */
  public static final int DEFAULT_SHOP_ATTEMPTS = 6;

  private final OncepayClient exact;
  private final OncepayClient shop;
  private final OncepayClient quiet;
  private final ScenarioMetrics metrics;
  private final Semaphore inFlight;

  public Driver(
      URI target,
      String apiKey,
      HttpClient http,
      Duration requestTimeout,
      int concurrency,
      ScenarioMetrics metrics) {
    this(target, apiKey, http, requestTimeout, concurrency, metrics, DEFAULT_SHOP_ATTEMPTS);
  }

  /**
   * @param shopAttempts attempts per call of the retrying shop client: a scenario that takes the
   *     service down on purpose gives its shop the patience of a real one, which keeps retrying
   *     with the same key until the outcome is definite
   */
  public Driver(
      URI target,
      String apiKey,
      HttpClient shared,
      Duration requestTimeout,
      int concurrency,
      ScenarioMetrics metrics,
      int shopAttempts) {
    this.metrics = metrics;
    HttpClient http = new OriginCountingHttpClient(shared, metrics);
    this.inFlight = new Semaphore(Math.max(1, concurrency));
    this.exact =
        OncepayClient.builder(target, apiKey)
            .httpClient(http)
            .maxAttempts(1)
            .requestTimeout(requestTimeout)
            .listener(this::count)
            .build();
    this.shop =
        OncepayClient.builder(target, apiKey)
            .httpClient(http)
            .maxAttempts(shopAttempts)
            .initialBackoff(Duration.ofMillis(50))
            .maxBackoff(Duration.ofSeconds(2))
            .requestTimeout(requestTimeout)
            .listener(this::count)
            .build();
    this.quiet =
        OncepayClient.builder(target, apiKey)
            .httpClient(shared)
            .maxAttempts(1)
            .requestTimeout(Duration.ofSeconds(5))
            .build();
  }

  private void count(Attempt attempt) {
    metrics.countAttempt(attempt.status());
  }

  public ScenarioMetrics metrics() {
    return metrics;
  }

  /**
   * One request, one attempt; its latency is recorded under {@code operation}, measured from the
   * moment it was sent (after waiting for a concurrency slot).
   */
  public Exchange send(String operation, String method, String path, String key, byte[] body) {
    inFlight.acquireUninterruptibly();
    long start = System.nanoTime();
    try {
      ApiResult result = exact.send(method, path, key, body);
      return new Exchange(result.status(), result.body(), result.replayed());
    } catch (OncepayConnectionException e) {
      return new Exchange(-1, new byte[0], false);
    } finally {
      metrics.recordLatency(operation, System.nanoTime() - start);
      inFlight.release();
    }
  }

  /** The retrying client; callers record latencies themselves (from the intended start time). */
  public OncepayClient shop() {
    return shop;
  }

  /** One attempt per call, counted nowhere: the lab's own polling during a scenario. */
  public OncepayClient quiet() {
    return quiet;
  }

  @Override
  public void close() {
    exact.close();
    shop.close();
    quiet.close();
  }
}
