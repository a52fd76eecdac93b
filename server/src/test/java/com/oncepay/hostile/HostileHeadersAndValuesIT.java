package com.oncepay.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.ApiTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Findings of the hostile-input review: answers are never cacheable nor sniffable; a header that
 * must be single is refused when repeated; strings PostgreSQL cannot store are refused at
 * validation (not as a 500 from the database); a card number is never accepted as a payment method.
 * Each refusal leaves nothing behind.
 */
class HostileHeadersAndValuesIT extends ApiTestBase {

  private final HttpClient http = HttpClient.newHttpClient();

  private long rows(String table) {
    return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
  }

  @Test
  void everyAnswerIsNoStoreAndNoSniff() throws Exception {
    for (HttpRequest request :
        new HttpRequest[] {
          get("/v1/orders/ord_" + UUID.randomUUID(), true),
          get("/v1/orders/ord_" + UUID.randomUUID(), false),
          get("/actuator/health", false),
          orderPost(
              "{\"cart_id\":\"c-" + UUID.randomUUID() + "\",\"amount\":100,\"currency\":\"EUR\"}")
        }) {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.headers().firstValue("Cache-Control"))
          .as(request.uri().toString())
          .hasValue("no-store");
      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }
  }

  @Test
  void twoIdempotencyKeysOrTwoApiKeysAreRefused() throws Exception {
    long orders = rows("orders");
    long keys = rows("idempotency_keys");
    String body =
        "{\"cart_id\":\"c-" + UUID.randomUUID() + "\",\"amount\":100,\"currency\":\"EUR\"}";
    HttpRequest twoKeys =
        HttpRequest.newBuilder(uri("/v1/orders"))
            .header("Authorization", "Bearer " + API_KEY)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", "a")
            .header("Idempotency-Key", "b")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpRequest twoAuth =
        HttpRequest.newBuilder(uri("/v1/orders"))
            .header("Authorization", "Bearer " + API_KEY)
            .header("Authorization", "Bearer sk_test_someone_else")
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", "c")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    for (HttpRequest request : new HttpRequest[] {twoKeys, twoAuth}) {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
      assertThat(response.body()).contains("\"code\":\"parameter_invalid\"");
    }
    assertThat(rows("orders")).isEqualTo(orders);
    assertThat(rows("idempotency_keys")).isEqualTo(keys);
  }

  @Test
  void stringsPostgresCannotStoreAreRefusedAtValidation() {
    long orders = rows("orders");
    for (String body :
        new String[] {
          "{\"cart_id\":\"c\\u0000x\",\"amount\":100,\"currency\":\"EUR\"}",
          "{\"cart_id\":\"c\\ud800x\",\"amount\":100,\"currency\":\"EUR\"}",
          "{\"cart_id\":\"c\\udc00\",\"amount\":100,\"currency\":\"EUR\"}",
          "{\"cart_id\":\"c1\",\"amount\":100,\"currency\":\"EUR\",\"customer_email\":\"a\\u0000@b.c\"}",
          "{\"cart_id\":\"c2\",\"amount\":100,\"currency\":\"EUR\",\"metadata\":{\"k\":\"v\\u0000\"}}"
        }) {
      Resp r = api().post("/v1/orders", "k-" + UUID.randomUUID(), body);
      assertThat(r.status()).as(body + " → " + r).isEqualTo(400);
      assertThat(r.errorCode()).isEqualTo("parameter_invalid");
    }
    assertThat(rows("orders")).isEqualTo(orders);
    // A proper pair of surrogates (an emoji) is fine.
    Resp emoji =
        api()
            .post(
                "/v1/orders",
                "k-" + UUID.randomUUID(),
                "{\"cart_id\":\"c-\\ud83d\\ude00-"
                    + UUID.randomUUID()
                    + "\",\"amount\":100,\"currency\":\"EUR\"}");
    assertThat(emoji.status()).as(emoji.toString()).isEqualTo(201);
  }

  @Test
  void aCardNumberIsNeverAPaymentMethod() {
    String order = api().createOrder("cart-" + UUID.randomUUID(), 1000);
    long payments = rows("payments");
    for (String pan :
        new String[] {"4242424242424242", "4242 4242 4242 4242", "5555-5555-5555-4444"}) {
      Resp r =
          api()
              .post(
                  "/v1/orders/" + order + "/payments",
                  "p-" + UUID.randomUUID(),
                  "{\"payment_method\":\"" + pan + "\"}");
      assertThat(r.status()).as(r.toString()).isEqualTo(400);
      assertThat(r.errorCode()).isEqualTo("parameter_invalid");
      assertThat(r.text()).doesNotContain(pan.replace(" ", "").replace("-", "").substring(6));
    }
    assertThat(rows("payments")).isEqualTo(payments);
    assertThat(sim().ledger()).isEmpty();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private HttpRequest get(String path, boolean authenticated) {
    var builder = HttpRequest.newBuilder(uri(path)).GET();
    if (authenticated) {
      builder.header("Authorization", "Bearer " + API_KEY);
    }
    return builder.build();
  }

  private HttpRequest orderPost(String body) {
    return HttpRequest.newBuilder(uri("/v1/orders"))
        .header("Authorization", "Bearer " + API_KEY)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", "o-" + UUID.randomUUID())
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }
}
