package com.oncepay.merchantevents;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.error.ErrorCode;
import com.oncepay.merchant.MerchantId;
import com.oncepay.merchant.MerchantRepository;
import com.oncepay.testsupport.Api;
import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.ApiTestBase;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The endpoint API, its validation, and which events a merchant sees and gets jobs for. */
@TestPropertySource(
    properties = {
      "oncepay.worker.webhook-retry.initial=200ms",
      "oncepay.worker.webhook-retry.max=1s",
      "oncepay.worker.webhook-retry.max-attempts=10"
    })
class WebhookEndpointIT extends ApiTestBase {

  @Autowired MerchantRepository merchants;
  @Autowired DomainEvents events;
  @Autowired TransactionTemplate tx;
  @Autowired WebhookEndpointRepository endpoints;

  /** {@code whsec_} and the base64 of 32 bytes, as Standard Webhooks libraries read it. */
  private static final String SECRET_SHAPE = "whsec_[A-Za-z0-9+/]{43}=";

  private Resp put(String apiKey, String body) {
    return api().send(EndpointRequests.put(port, apiKey, body));
  }

  private Resp delete(String apiKey) {
    return api().send(EndpointRequests.delete(port, apiKey));
  }

  private static Resp expect(Resp response, ErrorCode code, String param) {
    assertThat(response.status())
        .as(response.toString())
        .isEqualTo(com.oncepay.web.HttpErrors.status(code));
    assertThat(response.errorCode()).as(response.toString()).isEqualTo(code.code());
    if (param != null) {
      assertThat(response.json().get("error").get("param").asString()).isEqualTo(param);
    }
    return response;
  }

  @Test
  void createReadRotateDelete() {
    String key = newMerchantKey();
    Api api = api().withKey(key);
    expect(api.get(WebhookEndpointController.PATH), ErrorCode.NOT_FOUND, null);

    Resp created = put(key, "{\"url\":\"https://shop.example/hooks/oncepay\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    JsonNode first = created.json();
    assertThat(first.get("object").asString()).isEqualTo("webhook_endpoint");
    assertThat(first.get("url").asString()).isEqualTo("https://shop.example/hooks/oncepay");
    String secret = first.get("secret").asString();
    assertThat(secret).matches(SECRET_SHAPE);
    assertThat(first.get("created_at").asString()).isEqualTo(first.get("updated_at").asString());
    assertThat(first.get("previous_secret_expires_at").isNull()).isTrue();

    // PUT is idempotent: the same body again leaves the same endpoint and the same secret, which
    // is not shown again.
    Resp again = put(key, "{\"url\":\"https://shop.example/hooks/oncepay\"}");
    assertThat(again.json().get("secret").isNull()).isTrue();
    assertThat(endpoints.find(merchants.findByApiKey(key).orElseThrow()).orElseThrow().secret())
        .isEqualTo(secret);
    assertThat(again.json().get("created_at").asString())
        .isEqualTo(first.get("created_at").asString());

    Resp moved = put(key, "{\"url\":\"http://127.0.0.1:9/elsewhere?x=1\",\"rotate_secret\":false}");
    assertThat(moved.json().get("url").asString()).isEqualTo("http://127.0.0.1:9/elsewhere?x=1");
    assertThat(moved.json().get("secret").isNull()).isTrue();
    assertThat(moved.json().get("created_at").asString())
        .isEqualTo(first.get("created_at").asString());

    Resp rotated = put(key, "{\"url\":\"https://shop.example/v2\",\"rotate_secret\":true}");
    String newSecret = rotated.json().get("secret").asString();
    assertThat(newSecret).matches(SECRET_SHAPE).isNotEqualTo(secret);
    // The replaced secret keeps signing for the default overlap, 24 h from the rotation.
    assertThat(time(rotated, "previous_secret_expires_at"))
        .isEqualTo(time(rotated, "updated_at").plusHours(24));
    assertThat(rotated.text()).doesNotContain(secret);

    Resp read = api.get(WebhookEndpointController.PATH);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.text()).doesNotContain(newSecret).doesNotContain(secret);
    assertThat(read.json().get("secret").isNull()).isTrue();
    assertThat(read.json().get("url").asString()).isEqualTo("https://shop.example/v2");
    assertThat(
            put(key, "{\"url\":\"https://shop.example/v2\"}")
                .json()
                .get("previous_secret_expires_at"))
        .as("a PUT without rotate_secret keeps the overlap")
        .isEqualTo(rotated.json().get("previous_secret_expires_at"));

    Resp deleted = delete(key);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.text()).isEqualTo("{\"object\":\"webhook_endpoint\",\"deleted\":true}");
    expect(api.get(WebhookEndpointController.PATH), ErrorCode.NOT_FOUND, null);
    expect(delete(key), ErrorCode.NOT_FOUND, null);

    // A new endpoint after a delete gets a new secret, and no previous one signs beside it.
    Resp recreated = put(key, "{\"url\":\"https://shop.example/v3\"}");
    assertThat(recreated.json().get("secret").asString()).isNotIn(secret, newSecret);
    assertThat(recreated.json().get("previous_secret_expires_at").isNull()).isTrue();
  }

  @Test
  void aRotationKeepsOnlyTheSecretItReplaces() {
    String key = newMerchantKey();
    MerchantId merchant = merchants.findByApiKey(key).orElseThrow();
    String first = put(key, "{\"url\":\"https://shop.example/h\"}").json().get("secret").asString();
    Resp second = put(key, "{\"url\":\"https://shop.example/h\",\"rotate_secret\":true}");
    Resp third = put(key, "{\"url\":\"https://shop.example/h\",\"rotate_secret\":true}");
    String secondSecret = second.json().get("secret").asString();
    String thirdSecret = third.json().get("secret").asString();

    WebhookEndpoint stored = endpoints.find(merchant).orElseThrow();
    assertThat(stored.secret()).isEqualTo(thirdSecret);
    assertThat(stored.previousSecret()).isEqualTo(secondSecret).isNotEqualTo(first);
    assertThat(stored.signingSecrets(java.time.Instant.now()))
        .containsExactly(thirdSecret, secondSecret);
    assertThat(time(third, "previous_secret_expires_at"))
        .isEqualTo(time(third, "updated_at").plusHours(24));
  }

  private static OffsetDateTime time(Resp response, String field) {
    return OffsetDateTime.parse(response.json().get(field).asString());
  }

  @Test
  void validation() {
    String key = newMerchantKey();
    expect(put(key, "{}"), ErrorCode.PARAMETER_MISSING, "url");
    expect(put(key, "{\"url\":null}"), ErrorCode.PARAMETER_MISSING, "url");
    for (String bad :
        List.of(
            "ftp://shop.example/hooks",
            "/hooks",
            "shop.example/hooks",
            "http://",
            "https:///path-only",
            "mailto:ops@shop.example",
            "http://shop example/hooks",
            "http://shop.example:70000/hooks",
            "https://shop.example/" + "x".repeat(2048))) {
      expect(put(key, "{\"url\":\"" + bad + "\"}"), ErrorCode.PARAMETER_INVALID, "url");
    }
    expect(put(key, "{\"url\":42}"), ErrorCode.PARAMETER_INVALID, "url");
    expect(
        put(key, "{\"url\":\"https://shop.example/h\",\"events\":[\"order.paid\"]}"),
        ErrorCode.PARAMETER_UNKNOWN,
        "events");
    expect(
        put(key, "{\"url\":\"https://shop.example/h\",\"rotate_secret\":\"yes\"}"),
        ErrorCode.PARAMETER_INVALID,
        "rotate_secret");
    expect(put(key, "{\"url\":"), ErrorCode.INVALID_JSON, null);
    expect(put(null, "{\"url\":\"https://shop.example/h\"}"), ErrorCode.UNAUTHORIZED, null);
    expect(delete("sk_test_nobody"), ErrorCode.UNAUTHORIZED, null);
    // Nothing was stored by any of the rejected calls.
    expect(api().withKey(key).get(WebhookEndpointController.PATH), ErrorCode.NOT_FOUND, null);

    String longest = "https://shop.example/" + "x".repeat(2048 - 21);
    assertThat(longest).hasSize(2048);
    assertThat(put(key, "{\"url\":\"" + longest + "\"}").status()).isEqualTo(200);
  }

  @Test
  void noEndpointNoJobsAndEventsAreMerchantScoped() {
    String keyA = newMerchantKey();
    String keyB = newMerchantKey();
    MerchantId a = merchants.findByApiKey(keyA).orElseThrow();
    MerchantId b = merchants.findByApiKey(keyB).orElseThrow();
    // A has an endpoint that refuses connections (port 9, discard): jobs are queued, not delivered.
    assertThat(put(keyA, "{\"url\":\"http://127.0.0.1:9/hooks\"}").status()).isEqualTo(200);

    OffsetDateTime t0 = OffsetDateTime.now().minusSeconds(10);
    String a1 = emit(a, t0);
    String a2 = emit(a, t0.plusSeconds(1));
    String a3 = emit(a, t0.plusSeconds(2));
    String b1 = emit(b, t0);
    // Events from the API itself, where the service emits them (order.created, ...).
    api().withKey(keyB).createOrder("cart-" + UUID.randomUUID(), 500);

    assertThat(jobsFor(a)).isEqualTo(3);
    assertThat(eventCount(b)).isPositive();
    assertThat(jobsFor(b)).as("a merchant without an endpoint gets no jobs").isZero();

    Api apiA = api().withKey(keyA);
    Api apiB = api().withKey(keyB);
    assertThat(ids(apiA.get("/v1/events"))).containsExactly(a3, a2, a1);
    Resp one = apiA.get("/v1/events?limit=1");
    assertThat(ids(one)).containsExactly(a3);
    assertThat(one.json().get("has_more").asBoolean()).isTrue();
    assertThat(apiA.get("/v1/events?limit=3").json().get("has_more").asBoolean()).isFalse();
    assertThat(ids(apiB.get("/v1/events"))).contains(b1).doesNotContain(a1, a2, a3);

    Resp event = apiA.get("/v1/events/" + a1);
    assertThat(event.status()).isEqualTo(200);
    assertThat(event.json().get("id").asString()).isEqualTo(a1);
    assertThat(event.json().get("object").asString()).isEqualTo("event");
    assertThat(event.json().get("type").asString()).isEqualTo("order.created");
    assertThat(event.json().get("created").asLong()).isEqualTo(t0.toEpochSecond());
    assertThat(event.json().get("data").get("object").get("amount").asLong()).isEqualTo(100);
    assertThat(apiA.get("/v1/events/" + a1 + "/deliveries").json().get("object").asString())
        .isEqualTo("list");

    for (String path : List.of("/v1/events/" + a1, "/v1/events/" + a1 + "/deliveries")) {
      expect(apiB.get(path), ErrorCode.NOT_FOUND, null);
    }
    expect(apiA.get("/v1/events/evt_" + UUID.randomUUID()), ErrorCode.NOT_FOUND, null);
    expect(apiA.get("/v1/events/evt_nope/deliveries"), ErrorCode.NOT_FOUND, null);
    expect(apiA.get("/v1/events/" + a1.substring(4) + "/deliveries"), ErrorCode.NOT_FOUND, null);
    for (String limit : List.of("0", "101", "-1", "abc", "1.5", "")) {
      expect(apiA.get("/v1/events?limit=" + limit), ErrorCode.PARAMETER_INVALID, "limit");
    }
    assertThat(apiA.get("/v1/events?limit=100").status()).isEqualTo(200);
    expect(api().withKey(null).get("/v1/events"), ErrorCode.UNAUTHORIZED, null);
  }

  private String newMerchantKey() {
    String key = "sk_test_wh_" + UUID.randomUUID();
    merchants.ensure("merchant " + key, key);
    return key;
  }

  private String emit(MerchantId merchant, OffsetDateTime at) {
    var order = WebhookDeliveryIT.sampleOrder(merchant, at);
    return "evt_"
        + tx.execute(
            status ->
                events.emit(merchant, EventType.ORDER_CREATED, order.id().toString(), order, at));
  }

  private long jobsFor(MerchantId merchant) {
    return jdbc.sql(
            "SELECT count(*) FROM outbox o JOIN domain_events e ON e.id = o.ref"
                + " WHERE o.kind = 'webhook' AND e.merchant_id = :merchant")
        .param("merchant", merchant.value())
        .query(Long.class)
        .single();
  }

  private long eventCount(MerchantId merchant) {
    return jdbc.sql("SELECT count(*) FROM domain_events WHERE merchant_id = :merchant")
        .param("merchant", merchant.value())
        .query(Long.class)
        .single();
  }

  private static List<String> ids(Resp list) {
    assertThat(list.status()).as(list.toString()).isEqualTo(200);
    assertThat(list.json().get("object").asString()).isEqualTo("list");
    List<String> ids = new ArrayList<>();
    list.json().get("data").forEach(e -> ids.add(e.get("id").asString()));
    return ids;
  }
}
