package com.oncepay.sim;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Sends signed webhook events the way real gateways do at their worst: each event possibly twice
 * (same event id), all copies in shuffled order and concurrently, each retried with backoff when
 * the receiver fails. Deliveries run on background virtual threads and never delay an API answer.
 */
final class WebhookDispatcher {

  private static final System.Logger LOG = System.getLogger(WebhookDispatcher.class.getName());
  private static final int MAX_ATTEMPTS = 5;
  private static final long FIRST_BACKOFF_MS = 100;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private volatile URI url;
  private final String secret;
  private final HttpClient client;
  private final Executor background;
  private final Knobs knobs;
  private final Clock clock;

  /** Points deliveries elsewhere, e.g. at a server whose port was only known after start-up. */
  void url(URI newUrl) {
    this.url = newUrl;
  }

  /** {@code url} may be null: then events are dropped, as configured. */
  WebhookDispatcher(
      URI url, String secret, HttpClient client, Executor background, Knobs knobs, Clock clock) {
    this.url = url;
    this.secret = secret;
    this.client = client;
    this.background = background;
    this.knobs = knobs;
    this.clock = clock;
  }

  void publish(List<ChargeRecord.Event> events) {
    if (url == null || events.isEmpty()) {
      return;
    }
    long created = clock.instant().getEpochSecond();
    var deliveries = new ArrayList<byte[]>();
    for (ChargeRecord.Event event : events) {
      byte[] body = body(Ids.next("evt_"), event, created);
      deliveries.add(body);
      if (knobs.roll(knobs.get().webhookDuplicateRate())) {
        deliveries.add(body); // a duplicate is the same event: same id, same bytes
      }
    }
    Collections.shuffle(deliveries, knobs.dice());
    try {
      for (byte[] body : deliveries) {
        background.execute(() -> deliver(body));
      }
    } catch (RejectedExecutionException e) {
      // The simulator is closing; undelivered events die with it.
    }
  }

  private static byte[] body(String eventId, ChargeRecord.Event event, long created) {
    var body = Json.object();
    body.put("id", eventId).put("type", event.type()).put("created", created);
    body.putObject("data").set("object", Json.MAPPER.valueToTree(event.charge()));
    return Json.bytes(body);
  }

  private void deliver(byte[] body) {
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      try {
        if (send(body)) {
          return;
        }
        if (attempt < MAX_ATTEMPTS) {
          // Exponential backoff with jitter, bounded: 100, 200, 400, 800 ms (+ up to 50%).
          long backoff = FIRST_BACKOFF_MS << (attempt - 1);
          Thread.sleep(backoff + knobs.dice().nextLong(backoff / 2 + 1));
        }
      } catch (InterruptedException e) {
        return; // closing
      }
    }
    LOG.log(
        Level.WARNING, "gave up delivering a webhook to {0} after {1} tries", url, MAX_ATTEMPTS);
  }

  /** One try; true when the receiver answered 2xx. The signature is fresh on every try. */
  private boolean send(byte[] body) throws InterruptedException {
    var request =
        HttpRequest.newBuilder(url)
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .header(
                WebhookSignature.HEADER,
                WebhookSignature.sign(secret, clock.instant().getEpochSecond(), body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return status >= 200 && status < 300;
    } catch (IOException e) {
      return false;
    }
  }
}
