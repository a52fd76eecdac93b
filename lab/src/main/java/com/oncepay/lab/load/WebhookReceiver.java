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
import java.util.Base64;
import java.util.Collection;
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
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;

/**
 * The merchant's webhook endpoint, played by the lab: an HTTP server on 127.0.0.1 that verifies
 * each delivery's Standard Webhooks signature as docs/webhooks-out.md tells merchants to (the
 * {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature} headers, nothing of
 * the legacy {@code Oncepay-*} ones), answers at once, and keeps every verified delivery for {@link
 * com.oncepay.lab.check.EventChecker}. It never deduplicates: the checker needs to see every
 * redelivery to prove they are identical.
 *
 * <p>A delivery that fails verification is refused with 400 (the server will retry it, as it would
 * at a real shop) and kept as a lab problem, not as a delivery: a wrong signature is a broken
 * promise of its own, but not evidence about side effects.
 */
public final class WebhookReceiver implements AutoCloseable {

  static final String ID_HEADER = "webhook-id";
  static final String TIMESTAMP_HEADER = "webhook-timestamp";
  static final String SIGNATURE_HEADER = "webhook-signature";
  static final String PATH = "/oncepay-events";

  /** docs/webhooks-out.md: reject a timestamp more than five minutes from now. */
  static final long TOLERANCE_SECONDS = 300;

  private static final String SECRET_PREFIX = "whsec_";
  private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,18}");

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
      String headerId = exchange.getRequestHeaders().getFirst(ID_HEADER);
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
    String id = exchange.getRequestHeaders().getFirst(ID_HEADER);
    String timestamp = exchange.getRequestHeaders().getFirst(TIMESTAMP_HEADER);
    String signatures = exchange.getRequestHeaders().getFirst(SIGNATURE_HEADER);
    String key = secret;
    if (key == null) {
      return "webhook " + id + " arrived before the endpoint was registered";
    }
    if (!verify(id, timestamp, signatures, body, key, now.getEpochSecond())) {
      return "webhook "
          + id
          + " has a bad signature ("
          + TIMESTAMP_HEADER
          + ": "
          + timestamp
          + ", "
          + SIGNATURE_HEADER
          + ": "
          + signatures
          + "): "
          + excerpt(body);
    }
    return null;
  }

  /**
   * docs/webhooks-out.md (the Standard Webhooks scheme): the HMAC-SHA256, keyed with the base64
   * decoding of the secret after {@code whsec_}, of {@code "<webhook-id>.<webhook-timestamp>.<raw
   * body>"}, base64-encoded, must equal one of the space-separated {@code v1,<signature>} entries
   * of {@code webhook-signature} (compared in constant time; other versions are ignored), and the
   * timestamp must be within the tolerance of now.
   *
   * <p>Written from the specification on purpose rather than calling the server's signer: a referee
   * that shares the signer's code would accept a signature that is wrong in the same way on both
   * sides.
   */
  static boolean verify(
      String id, String timestamp, String signatures, byte[] body, String secret, long nowSeconds) {
    if (id == null || id.isEmpty() || timestamp == null || signatures == null || secret == null) {
      return false;
    }
    if (!TIMESTAMP.matcher(timestamp).matches()) {
      return false;
    }
    // At most 18 digits, so neither the parse nor the subtraction can overflow.
    if (Math.abs(nowSeconds - Long.parseLong(timestamp)) > TOLERANCE_SECONDS) {
      return false;
    }
    byte[] key;
    try {
      key =
          Base64.getDecoder()
              .decode(
                  secret.startsWith(SECRET_PREFIX)
                      ? secret.substring(SECRET_PREFIX.length())
                      : secret);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (key.length == 0) {
      return false;
    }
    byte[] expected =
        hmac(key, (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
    boolean valid = false;
    for (String entry : signatures.split(" ")) {
      int comma = entry.indexOf(',');
      if (comma < 0 || !entry.substring(0, comma).equals("v1")) {
        continue;
      }
      byte[] candidate;
      try {
        candidate = Base64.getDecoder().decode(entry.substring(comma + 1));
      } catch (IllegalArgumentException e) {
        continue; // not base64, so it cannot match; another entry still may
      }
      valid |= MessageDigest.isEqual(expected, candidate);
    }
    return valid;
  }

  private static byte[] hmac(byte[] key, byte[] prefix, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(prefix);
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
