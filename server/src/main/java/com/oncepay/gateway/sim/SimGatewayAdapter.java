package com.oncepay.gateway.sim;

import com.oncepay.config.OncepayProperties;
import com.oncepay.gateway.GatewayResult;
import com.oncepay.gateway.PaymentGateway;
import com.oncepay.meters.Buckets;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway simulator's HTTP API behind the {@link PaymentGateway} port. The same code talks to
 * the in-process simulator and to a separate one, always over real HTTP. It knows the simulator's
 * wire format only; it never links to the simulator's code.
 *
 * <p>The client is Apache HttpClient's classic (blocking) one: the call's I/O runs on the calling
 * virtual thread, which parks while the gateway thinks. The JDK's {@code HttpClient} hands every
 * exchange to its selector thread and back through futures, which cost the server 18 % of its CPU
 * under {@code pay-loop} (docs/performance.md, docs/decisions/0020).
 *
 * <p>Retries happen here, on an unknown outcome only, with the caller's key unchanged: a retry of a
 * call that did go through is answered from the gateway's idempotency record, not charged again.
 */
final class SimGatewayAdapter implements PaymentGateway, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SimGatewayAdapter.class);
  public static final String METRIC = "oncepay.gateway.calls";

  /**
   * Histogram buckets of {@link #METRIC}: a healthy gateway answers in tens of milliseconds, {@code
   * pm_slow} takes seconds, and a call that hangs ends at the read timeout (seconds to tens).
   */
  static final Duration[] BUCKETS =
      Buckets.ofMillis(10, 25, 50, 100, 250, 500, 1_000, 2_000, 5_000, 10_000, 30_000);

  private final URI baseUrl;

  /**
   * Connections kept to the gateway, at most. Every call in flight holds one (a slow gateway keeps
   * hundreds busy), and none may wait for another to finish: the JDK client had no bound either.
   */
  static final int MAX_CONNECTIONS = 4_096;

  /**
   * An idle connection older than this is checked before use, so a restarted gateway costs no try.
   */
  private static final TimeValue VALIDATE_AFTER_IDLE = TimeValue.ofSeconds(1);

  private final CloseableHttpClient http;
  private final Duration readTimeout;
  private final Retry retry;
  private final MeterRegistry meters;
  private final JsonMapper json = SimResponseConverter.JSON;

  /** {@code settings} gives the timeouts and the tries on an unknown outcome. */
  SimGatewayAdapter(URI baseUrl, OncepayProperties.Gateway settings, MeterRegistry meters) {
    this.baseUrl = baseUrl;
    this.readTimeout = settings.readTimeout();
    this.meters = meters;
    this.http =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                    .setMaxConnTotal(MAX_CONNECTIONS)
                    .setMaxConnPerRoute(MAX_CONNECTIONS)
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                            .setSocketTimeout(Timeout.of(readTimeout))
                            .setValidateAfterInactivity(VALIDATE_AFTER_IDLE)
                            .build())
                    .build())
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setConnectionRequestTimeout(Timeout.of(settings.connectTimeout()))
                    .setResponseTimeout(Timeout.of(readTimeout))
                    .build())
            // Tries are Resilience4j's, below, and only on an unknown outcome: the client's own
            // retries would re-send outside that policy and its metrics.
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .disableAuthCaching()
            .disableContentCompression()
            .evictIdleConnections(TimeValue.ofSeconds(30))
            .build();
    this.retry =
        Retry.of(
            "gateway",
            RetryConfig.<GatewayResult>custom()
                .maxAttempts(settings.maxAttempts())
                .intervalFunction(
                    IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(100), 2.0, 0.5))
                .retryOnResult(result -> result instanceof GatewayResult.Unknown)
                .failAfterMaxAttempts(false)
                .build());
  }

  @Override
  public GatewayResult authorize(AuthorizeCall call) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("amount", call.amount());
    body.put("currency", call.currency());
    body.put("payment_method", call.paymentMethod());
    body.put("capture", call.capture());
    body.put("reference", call.reference());
    body.put("order_reference", call.orderReference());
    return send("authorize", call.idempotencyKey(), "/v1/charges", body, Kind.CHARGE);
  }

  @Override
  public GatewayResult capture(CaptureCall call) {
    return send(
        "capture",
        call.idempotencyKey(),
        "/v1/charges/" + call.chargeId() + "/capture",
        Map.of("amount", call.amount()),
        Kind.CHARGE);
  }

  @Override
  public GatewayResult voidCharge(VoidCall call) {
    return send(
        "void",
        call.idempotencyKey(),
        "/v1/charges/" + call.chargeId() + "/void",
        Map.of(),
        Kind.CHARGE);
  }

  @Override
  public GatewayResult refund(RefundCall call) {
    return send(
        "refund",
        call.idempotencyKey(),
        "/v1/charges/" + call.chargeId() + "/refunds",
        Map.of("amount", call.amount()),
        Kind.REFUND);
  }

  @Override
  public GatewayResult retrieve(String chargeId) {
    URI uri = baseUrl.resolve("/v1/charges/" + chargeId);
    return retry.executeSupplier(
        () -> timed("retrieve", () -> exchange(new HttpGet(uri), Kind.CHARGE_STATE)));
  }

  private GatewayResult send(
      String operation, String key, String path, Map<String, Object> body, Kind kind) {
    byte[] payload = json.writeValueAsBytes(body);
    URI uri = baseUrl.resolve(path);
    // A request object per try: the client adds its own headers to the one it sends.
    Supplier<GatewayResult> once =
        () -> {
          HttpPost request = new HttpPost(uri);
          request.setHeader("Idempotency-Key", key);
          request.setEntity(new ByteArrayEntity(payload, ContentType.APPLICATION_JSON));
          return timed(operation, () -> exchange(request, kind));
        };
    return retry.executeSupplier(once);
  }

  private GatewayResult timed(String operation, Supplier<GatewayResult> call) {
    Timer.Sample sample = Timer.start(meters);
    GatewayResult result = call.get();
    sample.stop(
        Timer.builder(METRIC)
            .description("one gateway call (each retry is a call)")
            .serviceLevelObjectives(BUCKETS)
            .tag("gateway", "sim")
            .tag("operation", operation)
            .tag("outcome", outcome(result))
            .register(meters));
    return result;
  }

  private GatewayResult exchange(HttpUriRequestBase request, Kind kind) {
    try {
      return http.execute(
          request,
          response ->
              SimResponseConverter.convert(
                  response.getCode(),
                  response.getEntity() == null
                      ? new byte[0]
                      : EntityUtils.toByteArray(response.getEntity()),
                  kind));
    } catch (InterruptedIOException e) {
      // A socket timeout (connect, or no answer within the read timeout), or this thread
      // interrupted while it waited: either way the gateway may have acted on the call.
      if (Thread.currentThread().isInterrupted()) {
        return new GatewayResult.Unknown("interrupted");
      }
      return new GatewayResult.Unknown("timeout after " + readTimeout);
    } catch (IOException e) {
      return new GatewayResult.Unknown("I/O error: " + e.getMessage());
    } catch (RuntimeException e) {
      log.warn("unreadable gateway answer for {}", request.getRequestUri(), e);
      return new GatewayResult.Unknown("unreadable answer: " + e.getMessage());
    }
  }

  @Override
  public void close() throws IOException {
    http.close();
  }

  private static String outcome(GatewayResult result) {
    return switch (result) {
      case GatewayResult.Approved a -> "approved";
      case GatewayResult.Declined d -> "declined";
      case GatewayResult.Pending p -> "pending";
      case GatewayResult.Unknown u -> "unknown";
    };
  }

  enum Kind {
    /** A charge created or changed by the call. */
    CHARGE,
    /** A refund created by the call. */
    REFUND,
    /** A charge as it stands: its status is the outcome of the original authorization. */
    CHARGE_STATE
  }
}
