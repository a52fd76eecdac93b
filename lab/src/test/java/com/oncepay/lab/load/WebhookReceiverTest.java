package com.oncepay.lab.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.lab.check.EventDelivery;
import com.oncepay.lab.check.EventKey;
import com.oncepay.sim.WebhookSignature;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real HTTP to the receiver on localhost, signed with the signer the server uses ({@link
 * WebhookSignature} from the gateway simulator), as the server's webhook relay would send it.
 */
class WebhookReceiverTest {

  private static final String SECRET = "whsec_" + "ab".repeat(32);
  private static final String BODY =
      "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"order.paid\",\"created\":1,"
          + "\"data\":{\"object\":{\"id\":\"ord_1\",\"object\":\"order\",\"status\":\"paid\"}}}";

  private final WebhookReceiver receiver = WebhookReceiver.start(Clock.systemUTC());
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    receiver.close();
    http.close();
  }

  private int post(String eventId, String signature, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(receiver.url())
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("Oncepay-Event-Id", eventId)
            .header("Oncepay-Signature", signature)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static String sign(String secret, long t, String body) {
    return WebhookSignature.sign(secret, t, body.getBytes(StandardCharsets.UTF_8));
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  @Test
  void aCorrectlySignedDeliveryIsRecordedWithItsExactBytes() throws Exception {
    receiver.useSecret(SECRET);

    assertThat(post("evt_1", sign(SECRET, now(), BODY), BODY)).isEqualTo(200);

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

    String otherSecret = "whsec_" + "cd".repeat(32);
    assertThat(post("evt_1", sign(otherSecret, now(), BODY), BODY)).isEqualTo(400);
    String tampered = BODY.replace("\"paid\"}", "\"refunded\"}");
    assertThat(post("evt_1", sign(SECRET, now(), BODY), tampered)).isEqualTo(400);
    assertThat(post("evt_1", "v1=deadbeef", BODY)).isEqualTo(400);

    assertThat(receiver.deliveries()).isEmpty();
    List<String> problems = receiver.takeProblems();
    assertThat(problems).hasSize(3).allMatch(p -> p.contains("evt_1 has a bad signature"));
    assertThat(receiver.takeProblems()).as("each problem is taken once").isEmpty();
    assertThat(receiver.await(List.of(new EventKey("order.paid", "ord_1")), Duration.ofMillis(50)))
        .isFalse();
  }

  @Test
  void aSignatureOutsideTheToleranceIsRefused() throws Exception {
    receiver.useSecret(SECRET);
    long stale = now() - WebhookReceiver.TOLERANCE_SECONDS - 5;

    assertThat(post("evt_1", sign(SECRET, stale, BODY), BODY)).isEqualTo(400);

    assertThat(receiver.deliveries()).isEmpty();
    assertThat(receiver.takeProblems()).hasSize(1);
  }

  @Test
  void anyMatchingV1IsAccepted() {
    byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
    long t = 1_800_000_000L;
    String good = sign(SECRET, t, BODY);
    String header = "t=" + t + ",v1=00ff,v1=" + good.substring(good.indexOf("v1=") + 3);

    assertThat(WebhookReceiver.verify(header, body, SECRET, t)).isTrue();
    assertThat(WebhookReceiver.verify("t=" + t + ",t=" + t + ",v1=00", body, SECRET, t)).isFalse();
    assertThat(WebhookReceiver.verify(good, body, SECRET, t + 301)).isFalse();
    assertThat(WebhookReceiver.verify(null, body, SECRET, t)).isFalse();
  }

  @Test
  void deliveriesBeforeTheSecretIsKnownAreRefused() throws Exception {
    assertThat(post("evt_1", sign(SECRET, now(), BODY), BODY)).isEqualTo(400);

    assertThat(receiver.deliveries()).isEmpty();
    assertThat(receiver.takeProblems().getFirst()).contains("before the endpoint was registered");
  }

  @Test
  void redeliveriesAreAllKept() throws Exception {
    receiver.useSecret(SECRET);

    assertThat(post("evt_1", sign(SECRET, now(), BODY), BODY)).isEqualTo(200);
    assertThat(post("evt_1", sign(SECRET, now() + 1, BODY), BODY)).isEqualTo(200);

    assertThat(receiver.deliveries()).hasSize(2);
    assertThat(receiver.deliveries().get(0).sameBody(receiver.deliveries().get(1))).isTrue();
  }
}
