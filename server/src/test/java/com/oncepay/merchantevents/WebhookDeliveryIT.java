package com.oncepay.merchantevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.oncepay.merchant.MerchantId;
import com.oncepay.merchant.MerchantRepository;
import com.oncepay.merchantevents.WebhookReceiver.Action;
import com.oncepay.merchantevents.WebhookReceiver.Answer;
import com.oncepay.merchantevents.WebhookReceiver.Hang;
import com.oncepay.merchantevents.WebhookReceiver.Received;
import com.oncepay.money.Money;
import com.oncepay.order.model.Order;
import com.oncepay.order.model.OrderId;
import com.oncepay.order.model.OrderStatus;
import com.oncepay.signing.StandardWebhookSignature;
import com.oncepay.signing.TimestampedSignature;
import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.Race;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Deliveries on the real stack: the outbox worker, the delivery handler, a real HTTP receiver that
 * fails on command, and PostgreSQL. Retries are shortened to milliseconds; nothing else is faked.
 */
@TestPropertySource(
    properties = {
      "oncepay.worker.webhook-retry.initial=200ms",
      "oncepay.worker.webhook-retry.max=1s",
      "oncepay.worker.webhook-retry.max-attempts=10",
      "oncepay.worker.webhook-timeout=1s",
      "oncepay.worker.poll-interval=200ms"
    })
class WebhookDeliveryIT extends ApiTestBase {

  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static WebhookReceiver receiver;

  @Autowired DomainEvents events;
  @Autowired TransactionTemplate tx;
  @Autowired MerchantRepository merchants;

  private MerchantId merchant;
  private String secret;

  @BeforeAll
  static void startReceiver() throws Exception {
    receiver = new WebhookReceiver();
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  @BeforeEach
  void endpoint() {
    merchant = merchants.findByApiKey(API_KEY).orElseThrow();
    // A new endpoint for each test: its secret is shown in the answer that creates it only.
    api().send(EndpointRequests.delete(port, API_KEY));
    Resp put =
        api().send(EndpointRequests.put(port, API_KEY, "{\"url\":\"" + receiver.url() + "\"}"));
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    secret = put.json().get("secret").asString();
  }

  @Test
  void endpointDownThenUp() {
    String id = emit(new Answer(503), new Answer(503), new Answer(503));

    List<JsonNode> log = awaitDelivered(id);
    assertThat(log).extracting(d -> d.get("attempt").asInt()).containsExactly(1, 2, 3, 4);
    assertThat(log)
        .extracting(d -> d.get("status_code").asInt())
        .containsExactly(503, 503, 503, 200);
    assertThat(log).allSatisfy(d -> assertThat(d.get("url").asString()).isEqualTo(receiver.url()));

    List<Received> requests = receiver.forEvent(id);
    assertThat(requests).hasSize(4);
    byte[] first = requests.getFirst().body();
    for (Received r : requests) {
      assertThat(r.path()).isEqualTo(WebhookReceiver.PATH);
      assertThat(r.eventId()).isEqualTo(id);
      assertThat(r.body()).as("the same bytes on every attempt").isEqualTo(first);
      assertThat(r.header("Content-Type")).isEqualTo("application/json");
      assertThat(r.header("User-Agent")).isEqualTo(DeliverWebhook.USER_AGENT);
      // Standard Webhooks: the event id as the message id, this attempt's time, one signature
      // (no rotation here). Verified by an independent library in StandardWebhooksNodeIT.
      assertThat(r.header(StandardWebhookSignature.ID_HEADER)).isEqualTo(id);
      long timestamp = Long.parseLong(r.header(StandardWebhookSignature.TIMESTAMP_HEADER));
      assertThat(timestamp).isBetween(r.at().getEpochSecond() - 5, r.at().getEpochSecond());
      assertThat(r.header(StandardWebhookSignature.SIGNATURE_HEADER))
          .isEqualTo(StandardWebhookSignature.sign(secret, id, timestamp, r.body()));
      // The legacy headers, kept while shops move over: same id, same timestamp, same secret.
      assertThat(r.header(DeliverWebhook.LEGACY_EVENT_ID_HEADER)).isEqualTo(id);
      assertThat(r.header(DeliverWebhook.LEGACY_SIGNATURE_HEADER))
          .startsWith("t=" + timestamp + ",");
      assertThat(
              TimestampedSignature.verify(
                  r.header(DeliverWebhook.LEGACY_SIGNATURE_HEADER),
                  r.body(),
                  List.of(secret),
                  r.at().getEpochSecond(),
                  300))
          .as("legacy signature of attempt at " + r.at())
          .isTrue();
      assertThat(
              TimestampedSignature.verify(
                  r.header(DeliverWebhook.LEGACY_SIGNATURE_HEADER),
                  r.body(),
                  List.of("whsec_someone_else"),
                  r.at().getEpochSecond(),
                  300))
          .isFalse();
    }
    JsonNode body = requests.getFirst().json();
    assertThat(body.get("id").asString()).isEqualTo(id);
    assertThat(body.get("object").asString()).isEqualTo("event");
    assertThat(body.get("type").asString()).isEqualTo("order.created");
    assertThat(body.get("created").isIntegralNumber()).isTrue();
    assertThat(body.get("data").get("object").get("object").asString()).isEqualTo("order");
    // The log entry is written just before the job is marked done.
    await().atMost(DEADLINE).until(() -> openJobs(id) == 0);
  }

  @Test
  void timeoutsServerErrorsAndRedirectsAreRetriedAndRedirectsNeverFollowed() {
    String id = emit(new Hang(Duration.ofSeconds(3)), new Answer(500), new Answer(302));

    List<JsonNode> log = awaitDelivered(id);
    assertThat(log).extracting(d -> d.get("attempt").asInt()).containsExactly(1, 2, 3, 4);
    JsonNode timedOut = log.getFirst();
    assertThat(timedOut.get("status_code").isNull()).isTrue();
    assertThat(timedOut.get("error").asString()).contains("no answer within");
    assertThat(timedOut.get("duration_ms").asInt()).isBetween(900, 5_000);
    assertThat(log.subList(1, 4))
        .extracting(d -> d.get("status_code").asInt())
        .containsExactly(500, 302, 200);
    assertThat(receiver.forEvent(id))
        .extracting(Received::path)
        .containsOnly(WebhookReceiver.PATH)
        .hasSize(4);
    assertThat(receiver.all()).noneMatch(r -> r.path().equals("/elsewhere"));
  }

  @Test
  void deletedEndpointEndsDeliveryWithoutFurtherAttempts() {
    Action[] alwaysDown = new Action[50];
    Arrays.fill(alwaysDown, new Answer(503));
    String id = emit(alwaysDown);
    await().atMost(DEADLINE).until(() -> !deliveries(id).isEmpty());

    assertThat(api().send(EndpointRequests.delete(port, API_KEY)).status()).isEqualTo(200);

    await().atMost(DEADLINE).until(() -> openJobs(id) == 0);
    assertThat(
            jdbc.sql("SELECT count(*) FROM outbox WHERE ref = :id AND status = 'dead'")
                .param("id", uuid(id))
                .query(Long.class)
                .single())
        .isZero();
    List<JsonNode> log = deliveries(id);
    assertThat(log)
        .isNotEmpty()
        .allSatisfy(d -> assertThat(d.get("status_code").asInt()).isEqualTo(503));
    assertThat(receiver.forEvent(id)).hasSameSizeAs(log);
  }

  @Test
  void orderPaidIsEmittedAndDeliveredOnce() {
    String order = api().createOrder("cart-" + UUID.randomUUID(), 1_250);
    Resp paid =
        api()
            .post(
                "/v1/orders/" + order + "/payments",
                "pay-" + order,
                "{\"payment_method\":\"pm_ok\"}");
    assertThat(paid.status()).as(paid.toString()).isEqualTo(201);

    String eventId = onlyOrderPaid(order);
    awaitDelivered(eventId);
    List<Received> deliveries = deliveriesOfOrderPaid(order);
    assertThat(deliveries).isNotEmpty().allSatisfy(r -> assertThat(r.eventId()).isEqualTo(eventId));
    JsonNode object = deliveries.getFirst().json().get("data").get("object");
    assertThat(object.get("id").asString()).isEqualTo(order);
    assertThat(object.get("status").asString()).isEqualTo("paid");
    assertThat(object.get("amount").asLong()).isEqualTo(1_250);
    assertThat(deliveries.getFirst().json().get("id").asString()).isEqualTo(eventId);
  }

  @Test
  void twentyConcurrentPaysStillEmitOneOrderPaid() {
    String order = api().createOrder("cart-" + UUID.randomUUID(), 990);
    String path = "/v1/orders/" + order + "/payments";
    List<Resp> answers =
        Race.run(
            20,
            Duration.ofSeconds(30),
            i -> api().post(path, "race-" + order + "-" + i, "{\"payment_method\":\"pm_ok\"}"));
    assertThat(answers).filteredOn(r -> r.status() == 201).hasSize(1);
    assertThat(answers)
        .filteredOn(r -> r.status() != 201)
        .allSatisfy(
            r ->
                assertThat(r.errorCode())
                    .as(r.toString())
                    .isIn("order_busy", "order_already_paid"));

    String eventId = onlyOrderPaid(order);
    awaitDelivered(eventId);
    Set<String> ids =
        deliveriesOfOrderPaid(order).stream().map(Received::eventId).collect(Collectors.toSet());
    assertThat(ids).containsExactly(eventId);
  }

  /** Emits an event the way a business transaction does, scripting the receiver before commit. */
  private String emit(Action... script) {
    Order order = sampleOrder(merchant, OffsetDateTime.now());
    return tx.execute(
        status -> {
          UUID id =
              events.emit(
                  merchant,
                  EventType.ORDER_CREATED,
                  order.id().toString(),
                  order,
                  OffsetDateTime.now());
          // The job becomes visible at commit, after the script is in place.
          receiver.script("evt_" + id, script);
          return "evt_" + id;
        });
  }

  /** An order of 1.00 EUR that exists only as the subject of an emitted event. */
  static Order sampleOrder(MerchantId merchant, OffsetDateTime at) {
    return new Order(
        OrderId.random(),
        merchant,
        "cart-" + UUID.randomUUID(),
        Money.of(100, "EUR"),
        null,
        null,
        OrderStatus.PENDING_PAYMENT,
        0,
        at,
        at);
  }

  /** Waits until the delivery log shows a 2xx for the event, then returns the whole log. */
  private List<JsonNode> awaitDelivered(String eventId) {
    await()
        .atMost(DEADLINE)
        .until(
            () ->
                deliveries(eventId).stream()
                    .anyMatch(d -> d.get("status_code").asInt() / 100 == 2));
    return deliveries(eventId);
  }

  private List<JsonNode> deliveries(String eventId) {
    Resp r = api().get("/v1/events/" + eventId + "/deliveries");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<JsonNode> list = new ArrayList<>();
    r.json().get("data").forEach(list::add);
    return list;
  }

  private String onlyOrderPaid(String order) {
    List<UUID> ids =
        jdbc.sql("SELECT id FROM domain_events WHERE object_id = :order AND type = 'order.paid'")
            .param("order", order)
            .query(UUID.class)
            .list();
    assertThat(ids).as("order.paid events of " + order).hasSize(1);
    return "evt_" + ids.getFirst();
  }

  private List<Received> deliveriesOfOrderPaid(String order) {
    return receiver.all().stream()
        .filter(r -> r.json().get("type").asString().equals("order.paid"))
        .filter(r -> r.json().get("data").get("object").get("id").asString().equals(order))
        .toList();
  }

  private long openJobs(String eventId) {
    return jdbc.sql(
            "SELECT count(*) FROM outbox WHERE kind = 'webhook' AND ref = :id"
                + " AND status IN ('ready', 'claimed')")
        .param("id", uuid(eventId))
        .query(Long.class)
        .single();
  }

  private static UUID uuid(String eventId) {
    return EventId.parse(eventId).orElseThrow().value();
  }
}
