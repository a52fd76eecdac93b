package com.oncepay.lab.load;

import com.oncepay.lab.check.ApiJson;
import com.oncepay.lab.check.EventDelivery;
import com.oncepay.lab.check.EventKey;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;

/**
 * The merchant's webhook endpoint, played by the lab: an HTTP server on 127.0.0.1 that verifies
 * each delivery's signature as docs/webhooks-out.md tells merchants to, answers at once, and keeps
 * every verified delivery for {@link com.oncepay.lab.check.EventChecker}. It never deduplicates:
 * the checker needs to see every redelivery to prove they are identical.
 *
 * <p>A delivery that fails verification is refused with 400 (the server will retry it, as it would
 * at a real shop) and kept as a lab problem, not as a delivery: a wrong signature is a broken
 * promise of its own, but not evidence about side effects.
 */
public final class WebhookReceiver implements AutoCloseable {

  static final String SIGNATURE_HEADER = "Oncepay-Signature";
  static final String EVENT_ID_HEADER = "Oncepay-Event-Id";
  static final String PATH = "/oncepay-events";

  /** docs/webhooks-out.md: reject a signature more than five minutes from now. */
  static final long TOLERANCE_SECONDS = 300;

  private static final HexFormat HEX = HexFormat.of();

  private final HttpServer server;
  private final ExecutorService threads;
  private final Clock clock;
  private final Queue<EventDelivery> deliveries = new ConcurrentLinkedQueue<>();
  private final Set<EventKey> arrived = ConcurrentHashMap.newKeySet();
  private final Queue<String> problems = new ConcurrentLinkedQueue<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition delivered = lock.newCondition();
  private volatile String secret;

  private WebhookReceiver(HttpServer server, ExecutorService threads, Clock clock) {
    this.server = server;
    this.threads = threads;
    this.clock = clock;
  }

  /** Listens on a free port of 127.0.0.1; deliveries are refused until {@link #useSecret}. */
  public static WebhookReceiver start(Clock clock) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new LabConnectionException("cannot open the webhook receiver: " + e, e);
    }
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(threads);
    WebhookReceiver receiver = new WebhookReceiver(server, threads, clock);
    server.createContext(PATH, receiver::handle);
    server.start();
    return receiver;
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
  }

  /** The endpoint's signing secret, as {@code PUT /v1/webhook_endpoint} answered it. */
  public void useSecret(String secret) {
    this.secret = secret;
  }

  /** Every verified delivery so far, in arrival order. */
  public List<EventDelivery> deliveries() {
    return List.copyOf(deliveries);
  }

  /** The problems since the last call, so that each is reported once, by the scenario it hit. */
  public List<String> takeProblems() {
    List<String> taken = new ArrayList<>();
    for (String p = problems.poll(); p != null; p = problems.poll()) {
      taken.add(p);
    }
    return taken;
  }

  /**
   * Waits until an event of every expected key has arrived, or the timeout ends.
   *
   * @return whether every expected key arrived
   */
  public boolean await(Collection<EventKey> expected, Duration timeout)
      throws InterruptedException {
    long left = timeout.toNanos();
    lock.lock();
    try {
      while (!arrived.containsAll(expected)) {
        if (left <= 0) {
          return false;
        }
        left = delivered.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Instant now = clock.instant();
      String refusal = refusal(exchange, body, now);
      if (refusal != null) {
        problem(refusal);
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      JsonNode json = ApiJson.parse(body);
      JsonNode object = json == null ? null : json.path("data").get("object");
      String id = ApiJson.text(json, "id");
      String type = ApiJson.text(json, "type");
      String objectId = ApiJson.text(object, "id");
      String headerId = exchange.getRequestHeaders().getFirst(EVENT_ID_HEADER);
      if (id == null || type == null || objectId == null || !id.equals(headerId)) {
        // Correctly signed but unusable: answer 200 so it is not retried forever, and say so.
        problem(
            "webhook with a valid signature but no usable id, type or data.object.id (header id "
                + headerId
                + "): "
                + excerpt(body));
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      record(new EventDelivery(id, type, objectId, ApiJson.text(object, "status"), body, now));
      exchange.sendResponseHeaders(200, -1);
    }
  }

  private void record(EventDelivery delivery) {
    deliveries.add(delivery);
    arrived.add(delivery.key());
    lock.lock();
    try {
      delivered.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Why the delivery is refused, or null when it is a correctly signed POST. */
  private String refusal(HttpExchange exchange, byte[] body, Instant now) {
    if (!exchange.getRequestMethod().equals("POST")) {
      return "webhook receiver got a " + exchange.getRequestMethod() + ", not a POST";
    }
    String header = exchange.getRequestHeaders().getFirst(SIGNATURE_HEADER);
    String eventId = exchange.getRequestHeaders().getFirst(EVENT_ID_HEADER);
    String key = secret;
    if (key == null) {
      return "webhook " + eventId + " arrived before the endpoint was registered";
    }
    if (!verify(header, body, key, now.getEpochSecond())) {
      return "webhook "
          + eventId
          + " has a bad signature ("
          + SIGNATURE_HEADER
          + ": "
          + header
          + "): "
          + excerpt(body);
    }
    return null;
  }

  /**
   * docs/webhooks-out.md: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">}, one
   * {@code t} within the tolerance, any {@code v1} matching in constant time.
   *
   * <p>Written from the documentation on purpose rather than calling the simulator's {@code
   * WebhookSignature}, which the server signs with: a referee that shares the signer's code would
   * accept a signature that is wrong in the same way on both sides.
   */
  static boolean verify(String header, byte[] body, String secret, long nowSeconds) {
    if (header == null) {
      return false;
    }
    String t = null;
    List<byte[]> signatures = new ArrayList<>();
    for (String part : header.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String name = part.substring(0, eq).trim();
      String value = part.substring(eq + 1).trim();
      if (name.equals("t")) {
        if (t != null) {
          return false;
        }
        t = value;
      } else if (name.equals("v1")) {
        try {
          signatures.add(HEX.parseHex(value));
        } catch (IllegalArgumentException e) {
          // Not hex, so it cannot match; another v1 still may.
        }
      }
    }
    if (t == null) {
      return false;
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(t);
    } catch (NumberFormatException e) {
      return false;
    }
    if (signatures.isEmpty() || Math.abs(nowSeconds - timestamp) > TOLERANCE_SECONDS) {
      return false;
    }
    byte[] expected = hmac(secret, t, body);
    boolean valid = false;
    for (byte[] signature : signatures) {
      valid |= MessageDigest.isEqual(expected, signature);
    }
    return valid;
  }

  private static byte[] hmac(String secret, String t, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
    }
  }

  private void problem(String message) {
    problems.add(message);
  }

  private static String excerpt(byte[] body) {
    String s = new String(body, StandardCharsets.UTF_8);
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdown();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
