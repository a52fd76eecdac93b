package com.oncepay.lab.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.lab.check.EventDelivery;
import com.oncepay.lab.check.EventKey;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real HTTP to the receiver on localhost, signed as Standard Webhooks. The receiver's check is
 * anchored to the example every Standard Webhooks library publishes; the deliveries the server
 * really sends reach it in {@code RaceLabBitesIT}.
 */
class WebhookReceiverTest {

  private static final String SECRET =
      "whsec_" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
  private static final String BODY =
      "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"order.paid\",\"created\":1,"
          + "\"data\":{\"object\":{\"id\":\"ord_1\",\"object\":\"order\",\"status\":\"paid\"}}}";

  /** The Standard Webhooks (and Svix) documentation's example, as the npm package also signs it. */
  private static final String EXAMPLE_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private static final String EXAMPLE_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long EXAMPLE_TIMESTAMP = 1_614_265_330L;
  private static final byte[] EXAMPLE_BODY =
      "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  private static final String EXAMPLE_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  private final WebhookReceiver receiver = WebhookReceiver.start(Clock.systemUTC());
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    receiver.close();
    http.close();
  }

  private int post(String eventId, long timestamp, String signature, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(receiver.url())
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("webhook-id", eventId)
            .header("webhook-timestamp", Long.toString(timestamp))
            .header("webhook-signature", signature)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** A test-side signer, checked against the published example below. */
  private static String sign(String secret, String id, long t, String body) {
    return sign(secret, id, t, body.getBytes(StandardCharsets.UTF_8));
  }

  private static String sign(String secret, String id, long t, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + t + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  @Test
  void thePublishedExampleVerifies() {
    long t = EXAMPLE_TIMESTAMP;
    assertThat(sign(EXAMPLE_SECRET, EXAMPLE_ID, t, EXAMPLE_BODY)).isEqualTo(EXAMPLE_SIGNATURE);
    assertThat(
            WebhookReceiver.verify(
                EXAMPLE_ID, Long.toString(t), EXAMPLE_SIGNATURE, EXAMPLE_BODY, EXAMPLE_SECRET, t))
        .isTrue();
    assertThat(
            WebhookReceiver.verify(
                EXAMPLE_ID, Long.toString(t), EXAMPLE_SIGNATURE, EXAMPLE_BODY, SECRET, t))
        .isFalse();
  }

  @Test
  void aCorrectlySignedDeliveryIsRecordedWithItsExactBytes() throws Exception {
    receiver.useSecret(SECRET);
    long t = now();

    assertThat(post("evt_1", t, sign(SECRET, "evt_1", t, BODY), BODY)).isEqualTo(200);

    assertThat(receiver.await(List.of(new EventKey("order.paid", "ord_1")), Duration.ofSeconds(10)))
        .isTrue();
    EventDelivery d = receiver.deliveries().getFirst();
    assertThat(d.eventId()).isEqualTo("evt_1");
    assertThat(d.type()).isEqualTo("order.paid");
    assertThat(d.objectId()).isEqualTo("ord_1");
    assertThat(d.objectStatus()).isEqualTo("paid");
    assertThat(new String(d.body(), StandardCharsets.UTF_8)).isEqualTo(BODY);
    assertThat(d.arrivedAt()).isNotNull();
    assertThat(receiver.takeProblems()).isEmpty();
  }

  @Test
  void aBadlySignedDeliveryIsRefusedAndKeptAsAProblem() throws Exception {
    receiver.useSecret(SECRET);
    long t = now();

    String otherSecret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
    assertThat(post("evt_1", t, sign(otherSecret, "evt_1", t, BODY), BODY)).isEqualTo(400);
    String tampered = BODY.replace("\"paid\"}", "\"refunded\"}");
    assertThat(post("evt_1", t, sign(SECRET, "evt_1", t, BODY), tampered)).isEqualTo(400);
    assertThat(post("evt_1", t, sign(SECRET, "evt_2", t, BODY), BODY)).isEqualTo(400);
    assertThat(post("evt_1", t + 1, sign(SECRET, "evt_1", t, BODY), BODY)).isEqualTo(400);
    assertThat(post("evt_1", t, "v1,deadbeef", BODY)).isEqualTo(400);

    assertThat(receiver.deliveries()).isEmpty();
    List<String> problems = receiver.takeProblems();
    assertThat(problems).hasSize(5).allMatch(p -> p.contains("evt_1 has a bad signature"));
    assertThat(receiver.takeProblems()).as("each problem is taken once").isEmpty();
    assertThat(receiver.await(List.of(new EventKey("order.paid", "ord_1")), Duration.ofMillis(50)))
        .isFalse();
  }

  @Test
  void aTimestampOutsideTheToleranceIsRefused() throws Exception {
    receiver.useSecret(SECRET);
    long stale = now() - WebhookReceiver.TOLERANCE_SECONDS - 5;

    assertThat(post("evt_1", stale, sign(SECRET, "evt_1", stale, BODY), BODY)).isEqualTo(400);

    assertThat(receiver.deliveries()).isEmpty();
    assertThat(receiver.takeProblems()).hasSize(1);
  }

  @Test
  void anyMatchingV1EntryIsAcceptedAsDuringARotation() {
    byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
    long t = 1_800_000_000L;
    String ts = Long.toString(t);
    String good = sign(SECRET, "evt_1", t, BODY);
    String rotated =
        sign("whsec_" + Base64.getEncoder().encodeToString(new byte[32]), "evt_1", t, BODY);

    assertThat(WebhookReceiver.verify("evt_1", ts, rotated + " " + good, body, SECRET, t)).isTrue();
    assertThat(
            WebhookReceiver.verify("evt_1", ts, "v1,AAAA v2," + good.substring(3), body, SECRET, t))
        .as("only v1 entries count")
        .isFalse();
    assertThat(WebhookReceiver.verify("evt_1", ts, "v1,not*base64 " + good, body, SECRET, t))
        .isTrue();
    assertThat(WebhookReceiver.verify("evt_1", ts, good, body, SECRET, t + 301)).isFalse();
    assertThat(WebhookReceiver.verify("evt_1", ts, good, body, SECRET, t - 301)).isFalse();
    assertThat(WebhookReceiver.verify("evt_1", "-" + ts, good, body, SECRET, t)).isFalse();
    assertThat(WebhookReceiver.verify("evt_1", ts, null, body, SECRET, t)).isFalse();
    assertThat(WebhookReceiver.verify(null, ts, good, body, SECRET, t)).isFalse();
    assertThat(WebhookReceiver.verify("evt_1", ts, good, body, "whsec_%%%", t)).isFalse();
  }

  @Test
  void deliveriesBeforeTheSecretIsKnownAreRefused() throws Exception {
    long t = now();
    assertThat(post("evt_1", t, sign(SECRET, "evt_1", t, BODY), BODY)).isEqualTo(400);

    assertThat(receiver.deliveries()).isEmpty();
    assertThat(receiver.takeProblems().getFirst()).contains("before the endpoint was registered");
  }

  @Test
  void redeliveriesAreAllKept() throws Exception {
    receiver.useSecret(SECRET);
    long t = now();

    assertThat(post("evt_1", t, sign(SECRET, "evt_1", t, BODY), BODY)).isEqualTo(200);
    assertThat(post("evt_1", t + 1, sign(SECRET, "evt_1", t + 1, BODY), BODY)).isEqualTo(200);

    assertThat(receiver.deliveries()).hasSize(2);
    assertThat(receiver.deliveries().get(0).sameBody(receiver.deliveries().get(1))).isTrue();
  }
}
