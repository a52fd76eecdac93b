package com.oncepay.merchantevents;

import com.oncepay.config.OncepayProperties;
import com.oncepay.logging.LogContext;
import com.oncepay.outbox.Job;
import com.oncepay.outbox.JobHandler;
import com.oncepay.outbox.JobKind;
import com.oncepay.outbox.JobOutcome;
import com.oncepay.signing.StandardWebhookSignature;
import com.oncepay.signing.TimestampedSignature;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Delivers one domain event to its merchant's current endpoint: a signed POST, logged in the
 * delivery log whatever happens. A 2xx answer finishes the job; anything else (another status, a
 * refused connection, a timeout) leaves it to the queue's webhook retry policy, so a failed first
 * delivery is always tried again, with backoff, for hours.
 *
 * <p>Delivery is at least once: an endpoint that processed an event but answered too late, or a
 * crash between the POST and the log, means the same event arrives again. It is the same event,
 * byte for byte, with the same id; only the signature's timestamp is fresh on each attempt.
 *
 * <p>Signed as Standard Webhooks ({@code webhook-id} = the event id, {@code webhook-timestamp} =
 * this attempt, {@code webhook-signature}), with every secret in force at the attempt (two during a
 * rotation's overlap). While {@code oncepay.webhooks.legacy-headers} is on, the same attempt also
 * carries the older {@code Oncepay-Event-Id} and {@code Oncepay-Signature}, signed with the same
 * secrets and timestamp, so a shop's existing verifier keeps working until it moves over.
 */
@Component
class DeliverWebhook implements JobHandler, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(DeliverWebhook.class);

  static final String LEGACY_SIGNATURE_HEADER = "Oncepay-Signature";
  static final String LEGACY_EVENT_ID_HEADER = "Oncepay-Event-Id";
  static final String USER_AGENT = "oncepay-webhooks/1";
  static final String METRIC = "oncepay.webhooks.delivery";
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final EventStore events;
  private final DeliveryLog deliveries;
  private final WebhookEndpointRepository endpoints;
  private final WebhookTargets targets;
  private final Clock clock;
  private final MeterRegistry meters;
  private final Duration timeout;
  private final boolean legacyHeaders;
  private final ExecutorService httpThreads = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient http;

  DeliverWebhook(
      EventStore events,
      DeliveryLog deliveries,
      WebhookEndpointRepository endpoints,
      WebhookTargets targets,
      OncepayProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.events = events;
    this.deliveries = deliveries;
    this.endpoints = endpoints;
    this.targets = targets;
    this.clock = clock;
    this.meters = meters;
    this.timeout = properties.worker().webhookTimeout();
    this.legacyHeaders = properties.webhooks().legacyHeaders();
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("oncepay.worker.webhook-timeout must be positive");
    }
    // Redirects are never followed: the merchant configured this URL, and a 3xx must not send a
    // signed event somewhere else. HTTP/1.1 keeps the exchange plain for any receiver.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(CONNECT_TIMEOUT)
            .executor(httpThreads)
            .build();
  }

  @Override
  public JobKind kind() {
    return JobKind.WEBHOOK;
  }

  @Override
  public LogContext.Scope logContext(Job job) {
    return LogContext.with(LogContext.EVENT_ID, new EventId(job.ref()));
  }

  @Override
  public JobOutcome handle(Job job) {
    EventId id = new EventId(job.ref());
    Optional<StoredEvent> found = events.find(id);
    if (found.isEmpty()) {
      return new JobOutcome.GiveUp("event " + id + " does not exist");
    }
    StoredEvent event = found.get();
    // The current endpoint, not the one of the event's time: a changed URL or a rotated secret
    // applies to retries of older events too.
    Optional<WebhookEndpoint> endpoint = endpoints.find(event.merchant());
    if (endpoint.isEmpty()) {
      log.debug(
          "event {} not delivered: merchant {} has no endpoint any more", id, event.merchant());
      return JobOutcome.done();
    }
    byte[] body = EventView.json(event);
    DeliveryAttempt attempt = post(endpoint.get(), id, job.attempt(), body);
    deliveries.record(attempt);
    if (attempt.delivered()) {
      return JobOutcome.done();
    }
    String reason =
        attempt.statusCode() != null
            ? "endpoint answered " + attempt.statusCode()
            : attempt.error();
    return new JobOutcome.RetryLater(reason);
  }

  private DeliveryAttempt post(WebhookEndpoint endpoint, EventId id, int attempt, byte[] body) {
    OffsetDateTime startedAt = OffsetDateTime.now(clock);
    long started = System.nanoTime();
    Integer status = null;
    String error = null;
    String outcome;
    URI target = WebhookEndpoint.target(endpoint.url()).orElse(null);
    Optional<String> refusal = target == null ? Optional.empty() : targets.refusalToSend(target);
    if (target == null) {
      // Only stored after validation, so this means the rules changed; keep retrying visibly.
      error = "invalid endpoint URL";
      outcome = "invalid_url";
    } else if (refusal.isPresent()) {
      // The name resolves somewhere internal now (rebinding, or the rules changed): nothing is
      // sent, and nothing an internal service would have answered reaches the delivery log.
      error = "not sent: " + refusal.get();
      outcome = "forbidden_address";
    } else {
      HttpRequest request = signed(endpoint, id, body, clock.instant()).uri(target).build();
      CompletableFuture<HttpResponse<Void>> response =
          http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
      try {
        // The request timeout bounds the wait for the response head; this bounds the whole
        // exchange, body included, so a receiver that trickles its answer cannot hold the job.
        status =
            response
                .get(CONNECT_TIMEOUT.plus(timeout).toMillis(), TimeUnit.MILLISECONDS)
                .statusCode();
        outcome = status >= 200 && status < 300 ? "delivered" : "http_error";
      } catch (TimeoutException e) {
        response.cancel(true);
        error = "no complete answer within " + CONNECT_TIMEOUT.plus(timeout);
        outcome = "timeout";
      } catch (InterruptedException e) {
        response.cancel(true);
        Thread.currentThread().interrupt();
        error = "interrupted (shutting down)";
        outcome = "io_error";
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        error = describe(cause);
        outcome = cause instanceof HttpTimeoutException ? "timeout" : "io_error";
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    Timer.builder(METRIC)
        .description("merchant webhook delivery attempts by outcome")
        .tag("outcome", outcome)
        .register(meters)
        .record(took);
    return new DeliveryAttempt(
        id,
        attempt,
        endpoint.url(),
        status,
        error,
        (int) Math.min(Integer.MAX_VALUE, took.toMillis()),
        startedAt);
  }

  /** The POST of {@code body}, signed for an attempt at {@code now}; the caller adds the URI. */
  private HttpRequest.Builder signed(
      WebhookEndpoint endpoint, EventId id, byte[] body, Instant now) {
    long timestamp = now.getEpochSecond();
    List<String> secrets = endpoint.signingSecrets(now);
    String webhookId = id.toString();
    HttpRequest.Builder request =
        HttpRequest.newBuilder()
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", USER_AGENT)
            .header(StandardWebhookSignature.ID_HEADER, webhookId)
            .header(StandardWebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
            .header(
                StandardWebhookSignature.SIGNATURE_HEADER,
                StandardWebhookSignature.header(secrets, webhookId, timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (legacyHeaders) {
      request
          .header(LEGACY_EVENT_ID_HEADER, webhookId)
          .header(LEGACY_SIGNATURE_HEADER, TimestampedSignature.sign(secrets, timestamp, body));
    }
    return request;
  }

  private String describe(Throwable cause) {
    return switch (cause) {
      case HttpConnectTimeoutException e -> "connect timed out after " + CONNECT_TIMEOUT;
      case HttpTimeoutException e -> "no answer within " + timeout;
      case ConnectException e -> "connection refused";
      case IOException e ->
          e.getMessage() == null
              ? e.getClass().getSimpleName()
              : e.getClass().getSimpleName() + ": " + e.getMessage();
      default -> cause.toString();
    };
  }

  /** Runs after the outbox worker has stopped (it stops with the lifecycle, before beans die). */
  @Override
  public void destroy() {
    http.shutdownNow();
    httpThreads.shutdownNow();
  }
}
