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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway simulator's HTTP API behind the {@link PaymentGateway} port. The same code talks to
 * the in-process simulator and to a separate one, always over real HTTP. It knows the simulator's
 * wire format only; it never links to the simulator's code.
 *
 * <p>Retries happen here, on an unknown outcome only, with the caller's key unchanged: a retry of a
 * call that did go through is answered from the gateway's idempotency record, not charged again.
 */
final class SimGatewayAdapter implements PaymentGateway {

  private static final Logger log = LoggerFactory.getLogger(SimGatewayAdapter.class);
  public static final String METRIC = "oncepay.gateway.calls";

  /**
   * Histogram buckets of {@link #METRIC}: a healthy gateway answers in tens of milliseconds, {@code
   * pm_slow} takes seconds, and a call that hangs ends at the read timeout (seconds to tens).
   */
  static final Duration[] BUCKETS =
      Buckets.ofMillis(10, 25, 50, 100, 250, 500, 1_000, 2_000, 5_000, 10_000, 30_000);

  private final URI baseUrl;
  private final HttpClient http;
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
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.connectTimeout())
            .executor(Executors.newVirtualThreadPerTaskExecutor())
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
    HttpRequest request =
        HttpRequest.newBuilder(baseUrl.resolve("/v1/charges/" + chargeId))
            .timeout(readTimeout)
            .GET()
            .build();
    return retry.executeSupplier(
        () -> timed("retrieve", () -> exchange(request, Kind.CHARGE_STATE)));
  }

  private GatewayResult send(
      String operation, String key, String path, Map<String, Object> body, Kind kind) {
    byte[] payload = json.writeValueAsBytes(body);
    HttpRequest request =
        HttpRequest.newBuilder(baseUrl.resolve(path))
            .timeout(readTimeout)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofByteArray(payload))
            .build();
    Supplier<GatewayResult> once = () -> timed(operation, () -> exchange(request, kind));
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

  private GatewayResult exchange(HttpRequest request, Kind kind) {
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return SimResponseConverter.convert(response.statusCode(), response.body(), kind);
    } catch (HttpTimeoutException e) {
      return new GatewayResult.Unknown("timeout after " + readTimeout);
    } catch (IOException e) {
      return new GatewayResult.Unknown("I/O error: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new GatewayResult.Unknown("interrupted");
    } catch (RuntimeException e) {
      log.warn("unreadable gateway answer for {}", request.uri(), e);
      return new GatewayResult.Unknown("unreadable answer: " + e.getMessage());
    }
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
