package com.oncepay.merchantevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.oncepay.merchant.MerchantId;
import com.oncepay.merchant.MerchantRepository;
import com.oncepay.merchantevents.StandardWebhooksNode.Case;
import com.oncepay.merchantevents.StandardWebhooksNode.Verdict;
import com.oncepay.merchantevents.WebhookReceiver.Answer;
import com.oncepay.merchantevents.WebhookReceiver.Received;
import com.oncepay.signing.StandardWebhookSignature;
import com.oncepay.signing.TimestampedSignature;
import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.ApiTestBase;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Real deliveries (the outbox worker, the delivery handler, a real HTTP receiver, PostgreSQL),
 * verified by an implementation that shares nothing with oncepay's signer: the npm {@code
 * standardwebhooks} package, called as a shop's Node endpoint calls it, with the secret the API
 * handed out. Each test has its own merchant and endpoint.
 */
@TestPropertySource(
    properties = {
      "oncepay.worker.webhook-retry.initial=200ms",
      "oncepay.worker.webhook-retry.max=1s",
      "oncepay.worker.poll-interval=200ms"
    })
class StandardWebhooksNodeIT extends ApiTestBase {

  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static WebhookReceiver receiver;

  @Autowired DomainEvents events;
  @Autowired TransactionTemplate tx;
  @Autowired MerchantRepository merchants;
  @Autowired WebhookEndpointRepository endpoints;

  @BeforeAll
  static void startReceiver() throws Exception {
    receiver = new WebhookReceiver();
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  @Test
  void everyAttemptVerifiesWithTheSecretTheApiGave() throws Exception {
    Merchant m = newMerchant();
    String secret = put(m, "{\"url\":\"" + receiver.url() + "\"}");
    String id = emit(m.id(), new Answer(503));

    List<Received> attempts = awaitAttempts(id, 2);
    List<Verdict> verdicts =
        StandardWebhooksNode.verify(
            "attempts",
            List.of(
                Case.of("attempt 1", secret, attempts.get(0)),
                Case.of("attempt 2", secret, attempts.get(1)),
                Case.of("someone else's secret", freshSecret(), attempts.get(1))));

    assertThat(verdicts.get(0)).isEqualTo(new Verdict("attempt 1", true, id, null));
    assertThat(verdicts.get(1)).isEqualTo(new Verdict("attempt 2", true, id, null));
    assertThat(verdicts.get(2).verified()).isFalse();
    assertThat(verdicts.get(2).error()).isEqualTo("No matching signature found");
    assertThat(attempts)
        .extracting(r -> r.header(StandardWebhookSignature.ID_HEADER))
        .as("webhook-id is the event id on every attempt")
        .containsOnly(id);
    assertThat(attempts.get(0).header(StandardWebhookSignature.SIGNATURE_HEADER))
        .doesNotContain(" ");
  }

  @Test
  void duringARotationTheOldAndTheNewSecretBothVerify() throws Exception {
    Merchant m = newMerchant();
    String url = receiver.url();
    String old = put(m, "{\"url\":\"" + url + "\"}");
    String current = put(m, "{\"url\":\"" + url + "\",\"rotate_secret\":true}");
    assertThat(current).isNotEqualTo(old);
    String id = emit(m.id());

    Received delivery = awaitAttempts(id, 1).getFirst();
    List<Verdict> verdicts =
        StandardWebhooksNode.verify(
            "rotation",
            List.of(
                Case.of("new secret", current, delivery),
                Case.of("old secret", old, delivery),
                Case.of("unrelated secret", freshSecret(), delivery)));

    assertThat(verdicts).extracting(Verdict::verified).containsExactly(true, true, false);
    assertThat(delivery.header(StandardWebhookSignature.SIGNATURE_HEADER).split(" "))
        .hasSize(2)
        .allMatch(entry -> entry.startsWith("v1,"));
    // A shop still on the legacy header verifies with either secret too.
    for (String secret : List.of(old, current)) {
      assertThat(
              TimestampedSignature.verify(
                  delivery.header(DeliverWebhook.LEGACY_SIGNATURE_HEADER),
                  delivery.body(),
                  List.of(secret),
                  delivery.at().getEpochSecond(),
                  300))
          .isTrue();
    }
  }

  @Test
  void afterTheOverlapOnlyTheNewSecretSigns() throws Exception {
    Merchant m = newMerchant();
    String old = put(m, "{\"url\":\"" + receiver.url() + "\"}");
    // A rotation 25 hours ago with the default 24-hour overlap: the old secret expired an hour ago.
    WebhookEndpoint rotated =
        endpoints.upsert(
            m.id(),
            receiver.url(),
            WebhookEndpoint.newSecret(),
            true,
            OffsetDateTime.now().minusHours(25),
            Duration.ofHours(24));
    assertThat(rotated.previousSecret()).isEqualTo(old);
    String id = emit(m.id());

    Received delivery = awaitAttempts(id, 1).getFirst();
    List<Verdict> verdicts =
        StandardWebhooksNode.verify(
            "overlap-ended",
            List.of(
                Case.of("new secret", rotated.secret(), delivery),
                Case.of("expired secret", old, delivery)));

    assertThat(verdicts).extracting(Verdict::verified).containsExactly(true, false);
    assertThat(delivery.header(StandardWebhookSignature.SIGNATURE_HEADER)).doesNotContain(" ");
  }

  @Test
  void aTamperedDeliveryFails() throws Exception {
    Merchant m = newMerchant();
    String secret = put(m, "{\"url\":\"" + receiver.url() + "\"}");
    String id = emit(m.id());
    String otherId = emit(m.id());

    Received delivery = awaitAttempts(id, 1).getFirst();
    Case real = Case.of("as delivered", secret, delivery);
    byte[] tampered =
        new String(delivery.body(), StandardCharsets.UTF_8)
            .replaceFirst("\"amount\":\\s*100", "\"amount\": 1")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(tampered).isNotEqualTo(delivery.body());
    long timestamp = Long.parseLong(delivery.header(StandardWebhookSignature.TIMESTAMP_HEADER));
    List<Verdict> verdicts =
        StandardWebhooksNode.verify(
            "tampered",
            List.of(
                real,
                new Case("tampered body", secret, delivery.headers(), tampered),
                real.withHeader(StandardWebhookSignature.ID_HEADER, otherId),
                real.withHeader(
                    StandardWebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp - 1))));

    assertThat(verdicts.get(0).verified()).as(verdicts.get(0).toString()).isTrue();
    assertThat(verdicts.subList(1, 4))
        .allSatisfy(
            v -> {
              assertThat(v.verified()).as(v.name()).isFalse();
              assertThat(v.error()).as(v.name()).isEqualTo("No matching signature found");
            });
  }

  @Test
  void anEndpointSetBeforeTheStandardVerifiesWithTheSecretTheShopHas() throws Exception {
    Merchant m = newMerchant();
    // As the row was before this change: whsec_ and 64 hex digits, issued by the old code.
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String hexSecret = "whsec_" + HexFormat.of().formatHex(bytes);
    endpoints.upsert(
        m.id(), receiver.url(), hexSecret, false, OffsetDateTime.now(), Duration.ofHours(24));
    String id = emit(m.id());

    Received delivery = awaitAttempts(id, 1).getFirst();
    List<Verdict> verdicts =
        StandardWebhooksNode.verify(
            "hex-secret", List.of(Case.of("old-format secret", hexSecret, delivery)));

    assertThat(verdicts.getFirst()).isEqualTo(new Verdict("old-format secret", true, id, null));
    assertThat(
            TimestampedSignature.verify(
                delivery.header(DeliverWebhook.LEGACY_SIGNATURE_HEADER),
                delivery.body(),
                List.of(hexSecret),
                delivery.at().getEpochSecond(),
                300))
        .as("and the legacy header still verifies as before")
        .isTrue();
  }

  private record Merchant(MerchantId id, String apiKey) {}

  private Merchant newMerchant() {
    String key = "sk_test_std_" + UUID.randomUUID();
    merchants.ensure("merchant " + key, key);
    return new Merchant(merchants.findByApiKey(key).orElseThrow(), key);
  }

  /** PUTs the merchant's endpoint and returns the secret of the answer. */
  private String put(Merchant merchant, String body) {
    Resp r = api().send(EndpointRequests.put(port, merchant.apiKey(), body));
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().get("secret").asString();
  }

  private static String freshSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "whsec_" + Base64.getEncoder().encodeToString(bytes);
  }

  /** Emits an order.created event for the merchant, scripting the receiver before the commit. */
  private String emit(MerchantId merchant, WebhookReceiver.Action... script) {
    var order = WebhookDeliveryIT.sampleOrder(merchant, OffsetDateTime.now());
    return tx.execute(
        status -> {
          UUID id =
              events.emit(
                  merchant,
                  EventType.ORDER_CREATED,
                  order.id().toString(),
                  order,
                  OffsetDateTime.now());
          receiver.script("evt_" + id, script);
          return "evt_" + id;
        });
  }

  private static List<Received> awaitAttempts(String eventId, int count) {
    await().atMost(DEADLINE).until(() -> receiver.forEvent(eventId).size() >= count);
    return receiver.forEvent(eventId);
  }
}
