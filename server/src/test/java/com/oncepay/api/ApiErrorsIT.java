package com.oncepay.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.error.ErrorCode;
import com.oncepay.merchant.MerchantRepository;
import com.oncepay.testsupport.Api;
import com.oncepay.testsupport.Api.Resp;
import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.Race;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Every error code the API can answer, provoked for real, each with its status and format. */
class ApiErrorsIT extends ApiTestBase {

  /** Codes seen by the tests of this class; the last check makes sure none was forgotten. */
  private static final Set<ErrorCode> SEEN = EnumSet.noneOf(ErrorCode.class);

  @Autowired MerchantRepository merchants;

  private static Resp expect(Resp response, ErrorCode code) {
    assertThat(response.status())
        .as(response.toString())
        .isEqualTo(com.oncepay.web.HttpErrors.status(code));
    var error = response.json().get("error");
    assertThat(error.get("code").asString()).isEqualTo(code.code());
    assertThat(error.get("type").asString()).isEqualTo(code.type());
    assertThat(error.get("message").asString()).isNotBlank();
    if (code.retryable()) {
      assertThat(response.retryAfter()).as("Retry-After on " + code).isNotNull();
    }
    SEEN.add(code);
    return response;
  }

  private String newCart() {
    return "cart-" + UUID.randomUUID();
  }

  private String orderBody(String cart, long amount) {
    return "{\"cart_id\":\"" + cart + "\",\"amount\":" + amount + ",\"currency\":\"EUR\"}";
  }

  @Test
  void unauthorized() {
    expect(
        api().withKey(null).post("/v1/orders", "k", orderBody(newCart(), 100)),
        ErrorCode.UNAUTHORIZED);
    expect(api().withKey("sk_test_wrong").get("/v1/orders/ord_x"), ErrorCode.UNAUTHORIZED);
  }

  @Test
  void malformedJson() {
    expect(api().post("/v1/orders", "k-json", "{\"cart_id\": "), ErrorCode.INVALID_JSON);
    expect(api().post("/v1/orders", "k-json2", "[1,2]"), ErrorCode.INVALID_JSON);
    expect(
        api().post("/v1/orders", "k-json3", "{\"cart_id\":\"a\",\"cart_id\":\"b\"}"),
        ErrorCode.INVALID_JSON);
  }

  @Test
  void parameterErrors() {
    Resp missing =
        expect(
            api().post("/v1/orders", "k-p1", "{\"amount\":100,\"currency\":\"EUR\"}"),
            ErrorCode.PARAMETER_MISSING);
    assertThat(missing.json().get("error").get("param").asString()).isEqualTo("cart_id");
    expect(
        api().post("/v1/orders", "k-p2", "{\"cart_id\":\"\",\"amount\":100,\"currency\":\"EUR\"}"),
        ErrorCode.PARAMETER_INVALID);
    Resp unknown =
        expect(
            api()
                .post(
                    "/v1/orders",
                    "k-p3",
                    "{\"cart_id\":\"c\",\"ammount\":100,\"currency\":\"EUR\"}"),
            ErrorCode.PARAMETER_UNKNOWN);
    assertThat(unknown.json().get("error").get("param").asString()).isEqualTo("ammount");
    String order = api().createOrder(newCart(), 100);
    expect(
        api()
            .post(
                "/v1/orders/" + order + "/payments",
                "k-p4",
                "{\"payment_method\":\"pm_ok\",\"capture\":\"later\"}"),
        ErrorCode.PARAMETER_INVALID);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"0", "-5", "1.5", "\"100\"", "10000000001", "99999999999999999999", "null"})
  void badAmounts(String amount) {
    String body = "{\"cart_id\":\"c\",\"amount\":" + amount + ",\"currency\":\"EUR\"}";
    Resp r = api().post("/v1/orders", "k-amount-" + UUID.randomUUID(), body);
    expect(r, amount.equals("null") ? ErrorCode.PARAMETER_MISSING : ErrorCode.AMOUNT_INVALID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"eur", "XYZ", "XAU", "EURO", ""})
  void badCurrencies(String currency) {
    String body = "{\"cart_id\":\"c\",\"amount\":100,\"currency\":\"" + currency + "\"}";
    Resp r = api().post("/v1/orders", "k-cur-" + UUID.randomUUID(), body);
    expect(
        r,
        currency.isEmpty() || currency.length() > 3
            ? ErrorCode.PARAMETER_INVALID
            : ErrorCode.CURRENCY_INVALID);
  }

  @Test
  void oversizedBody() {
    String huge = "{\"cart_id\":\"" + "x".repeat(70_000) + "\"}";
    expect(api().post("/v1/orders", "k-huge", huge), ErrorCode.REQUEST_TOO_LARGE);
  }

  @Test
  void notJson() {
    Resp r =
        api()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/orders"))
                    .header("Authorization", "Bearer " + API_KEY)
                    .header("Idempotency-Key", "k-text")
                    .header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString(orderBody(newCart(), 100)))
                    .build());
    expect(r, ErrorCode.UNSUPPORTED_MEDIA_TYPE);
  }

  @Test
  void notFoundAndOtherMerchants() {
    expect(api().get("/v1/orders/ord_" + UUID.randomUUID()), ErrorCode.NOT_FOUND);
    expect(api().get("/v1/orders/not-an-id"), ErrorCode.NOT_FOUND);
    expect(api().get("/v1/payments/pay_nope"), ErrorCode.NOT_FOUND);
    expect(api().get("/v1/no-such-thing"), ErrorCode.NOT_FOUND);
    expect(
        api()
            .post(
                "/v1/orders/ord_" + UUID.randomUUID() + "/payments",
                "k-nf",
                "{\"payment_method\":\"pm_ok\"}"),
        ErrorCode.NOT_FOUND);

    String otherKey = "sk_test_other_" + UUID.randomUUID();
    merchants.ensure("other", otherKey);
    Api other = api().withKey(otherKey);
    String cart = newCart();
    String order = api().createOrder(cart, 700);
    String payment = api().capturedPayment(newCart(), 800);
    expect(other.get("/v1/orders/" + order), ErrorCode.NOT_FOUND);
    expect(other.get("/v1/payments/" + payment), ErrorCode.NOT_FOUND);
    expect(
        other.post(
            "/v1/orders/" + order + "/payments", "k-other", "{\"payment_method\":\"pm_ok\"}"),
        ErrorCode.NOT_FOUND);
    expect(
        other.post("/v1/payments/" + payment + "/refunds", "k-other-r", "{\"amount\":1}"),
        ErrorCode.NOT_FOUND);
    // The same cart id and the same idempotency key mean nothing across merchants.
    Resp theirs = other.post("/v1/orders", "order-" + cart, orderBody(cart, 700));
    assertThat(theirs.status()).isEqualTo(201);
    assertThat(theirs.json().get("id").asString()).isNotEqualTo(order);
  }

  @Test
  void methodNotAllowed() {
    Resp r =
        api()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/orders"))
                    .header("Authorization", "Bearer " + API_KEY)
                    .DELETE()
                    .build());
    expect(r, ErrorCode.METHOD_NOT_ALLOWED);
  }

  @Test
  void idempotencyKeyErrors() {
    expect(
        api().post("/v1/orders", null, orderBody(newCart(), 100)),
        ErrorCode.IDEMPOTENCY_KEY_MISSING);
    expect(
        api().post("/v1/orders", "x".repeat(256), orderBody(newCart(), 100)),
        ErrorCode.IDEMPOTENCY_KEY_INVALID);
    expect(
        api().post("/v1/orders", "\"unterminated", orderBody(newCart(), 100)),
        ErrorCode.IDEMPOTENCY_KEY_INVALID);
    expect(
        api().post("/v1/orders", "has space", orderBody(newCart(), 100)),
        ErrorCode.IDEMPOTENCY_KEY_INVALID);

    String cart = newCart();
    assertThat(api().post("/v1/orders", "k-reuse", orderBody(cart, 100)).status()).isEqualTo(201);
    expect(
        api().post("/v1/orders", "k-reuse", orderBody(cart, 101)),
        ErrorCode.IDEMPOTENCY_KEY_REUSED);
    String order = api().createOrder(newCart(), 100);
    expect(
        api()
            .post("/v1/orders/" + order + "/payments", "k-reuse", "{\"payment_method\":\"pm_ok\"}"),
        ErrorCode.IDEMPOTENCY_KEY_REUSED);
    // Key order and white space are not a different request.
    Resp replay =
        api()
            .post(
                "/v1/orders",
                "\"k-reuse\"",
                "{ \"currency\": \"EUR\", \"amount\": 100, \"cart_id\": \"" + cart + "\" }");
    assertThat(replay.replayed()).isTrue();
    assertThat(replay.status()).isEqualTo(201);
  }

  @Test
  void keyInUseAndOrderBusyWhileAPaymentIsInFlight() {
    sim().updateKnobs(sim().knobs().withLatency(1_500, 0));
    String order = api().createOrder(newCart(), 100);
    String path = "/v1/orders/" + order + "/payments";
    List<Resp> answers =
        Race.run(
            2,
            Duration.ofSeconds(30),
            i -> {
              if (i == 0) {
                return api().post(path, "k-first", "{\"payment_method\":\"pm_ok\"}");
              }
              // Let the first request claim the order and reach the slow gateway.
              awaitOrderStatus(order, "payment_processing");
              return api().post(path, "k-first", "{\"payment_method\":\"pm_ok\"}");
            });
    assertThat(answers.get(0).status()).isEqualTo(201);
    expect(answers.get(1), ErrorCode.IDEMPOTENCY_KEY_IN_USE);

    String second = api().createOrder(newCart(), 100);
    String secondPath = "/v1/orders/" + second + "/payments";
    List<Resp> busy =
        Race.run(
            2,
            Duration.ofSeconds(30),
            i -> {
              if (i == 0) {
                return api().post(secondPath, "k-a", "{\"payment_method\":\"pm_ok\"}");
              }
              awaitOrderStatus(second, "payment_processing");
              return api().post(secondPath, "k-b", "{\"payment_method\":\"pm_ok\"}");
            });
    assertThat(busy.get(0).status()).isEqualTo(201);
    expect(busy.get(1), ErrorCode.ORDER_BUSY);
    // order_busy is not stored: the same key goes through once the order is free again...
    Resp retried = api().post(secondPath, "k-b", "{\"payment_method\":\"pm_ok\"}");
    // ...and is now told, definitively, that the order is paid.
    expect(retried, ErrorCode.ORDER_ALREADY_PAID);
    assertThat(api().post(secondPath, "k-b", "{\"payment_method\":\"pm_ok\"}").replayed()).isTrue();
  }

  private void awaitOrderStatus(String order, String status) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!api().get("/v1/orders/" + order).json().get("status").asString().equals(status)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("order never reached " + status);
      }
      Thread.onSpinWait();
    }
  }

  @Test
  void cartAlreadyOrdered() {
    String cart = newCart();
    assertThat(api().post("/v1/orders", "k-c1", orderBody(cart, 100)).status()).isEqualTo(201);
    assertThat(api().post("/v1/orders", "k-c2", orderBody(cart, 100)).status()).isEqualTo(200);
    expect(api().post("/v1/orders", "k-c3", orderBody(cart, 999)), ErrorCode.CART_ALREADY_ORDERED);
  }

  @Test
  void declinedThenPaidThenAlreadyPaid() {
    String order = api().createOrder(newCart(), 100);
    String path = "/v1/orders/" + order + "/payments";
    Resp declined =
        expect(
            api().post(path, "k-d1", "{\"payment_method\":\"pm_declined\"}"),
            ErrorCode.CARD_DECLINED);
    assertThat(api().post(path, "k-d1", "{\"payment_method\":\"pm_declined\"}").text())
        .isEqualTo(declined.text());
    assertThat(api().get("/v1/orders/" + order).json().get("status").asString())
        .isEqualTo("payment_failed");
    assertThat(api().post(path, "k-d2", "{\"payment_method\":\"pm_ok\"}").status()).isEqualTo(201);
    expect(
        api().post(path, "k-d3", "{\"payment_method\":\"pm_ok\"}"), ErrorCode.ORDER_ALREADY_PAID);
  }

  @Test
  void captureVoidAndRefundRules() {
    String order = api().createOrder(newCart(), 1000);
    String payment =
        api()
            .post(
                "/v1/orders/" + order + "/payments",
                "cvr-m",
                "{\"payment_method\":\"pm_ok\",\"capture\":\"manual\"}")
            .json()
            .get("id")
            .asString();
    expect(
        api().post("/v1/payments/" + payment + "/refunds", "cvr-r0", "{\"amount\":1}"),
        ErrorCode.INVALID_STATE);
    expect(
        api().post("/v1/payments/" + payment + "/capture", "cvr-c0", "{\"amount\":1001}"),
        ErrorCode.AMOUNT_EXCEEDS_AUTHORIZED);
    assertThat(
            api()
                .post("/v1/payments/" + payment + "/capture", "cvr-c1", "{\"amount\":600}")
                .status())
        .isEqualTo(200);
    expect(
        api().post("/v1/payments/" + payment + "/capture", "cvr-c2", "{}"),
        ErrorCode.INVALID_STATE);
    expect(api().post("/v1/payments/" + payment + "/void", "cvr-v", null), ErrorCode.INVALID_STATE);
    expect(
        api().post("/v1/payments/" + payment + "/refunds", "cvr-r1", "{\"amount\":601}"),
        ErrorCode.AMOUNT_EXCEEDS_CAPTURED);

    String voidable = api().createOrder(newCart(), 300);
    String auth =
        api()
            .post(
                "/v1/orders/" + voidable + "/payments",
                "cvr-m2",
                "{\"payment_method\":\"pm_ok\",\"capture\":\"manual\"}")
            .json()
            .get("id")
            .asString();
    assertThat(
            api()
                .post("/v1/payments/" + auth + "/void", "cvr-v2", null)
                .json()
                .get("status")
                .asString())
        .isEqualTo("voided");
    assertThat(api().get("/v1/orders/" + voidable).json().get("status").asString())
        .isEqualTo("canceled");
    expect(
        api()
            .post(
                "/v1/orders/" + voidable + "/payments", "cvr-m3", "{\"payment_method\":\"pm_ok\"}"),
        ErrorCode.ORDER_NOT_PAYABLE);
  }

  @Test
  void paymentBusyWhileACaptureIsInFlight() {
    String order = api().createOrder(newCart(), 1000);
    String payment =
        api()
            .post(
                "/v1/orders/" + order + "/payments",
                "k-pb",
                "{\"payment_method\":\"pm_ok\",\"capture\":\"manual\"}")
            .json()
            .get("id")
            .asString();
    sim().updateKnobs(sim().knobs().withLatency(1_500, 0));
    List<Resp> answers =
        Race.run(
            2,
            Duration.ofSeconds(30),
            i -> {
              if (i == 0) {
                return api().post("/v1/payments/" + payment + "/capture", "k-pb-c", null);
              }
              long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
              while (api()
                  .get("/v1/payments/" + payment)
                  .json()
                  .get("pending_operation")
                  .isNull()) {
                if (System.nanoTime() > deadline) {
                  throw new AssertionError("capture never started");
                }
                Thread.onSpinWait();
              }
              return api().post("/v1/payments/" + payment + "/void", "k-pb-v", null);
            });
    assertThat(answers.get(0).status()).isEqualTo(200);
    expect(answers.get(1), ErrorCode.PAYMENT_BUSY);
  }

  @Test
  void gatewayRejectsWhatChangedBehindOurBack() throws Exception {
    String order = api().createOrder(newCart(), 1000);
    var payment =
        api()
            .post(
                "/v1/orders/" + order + "/payments",
                "k-g",
                "{\"payment_method\":\"pm_ok\",\"capture\":\"manual\"}")
            .json();
    // Someone voids the charge directly at the gateway (its dashboard, another integration).
    String charge = payment.get("gateway_charge_id").asString();
    var voided =
        new Api(sim().baseUrl(), null)
            .post("/v1/charges/" + charge + "/void", "dashboard-void", "{}");
    assertThat(voided.status()).isEqualTo(200);
    Resp capture =
        expect(
            api().post("/v1/payments/" + payment.get("id").asString() + "/capture", "k-g-c", null),
            ErrorCode.GATEWAY_REJECTED);
    assertThat(capture.text()).contains("invalid_state");
  }

  @Test
  void saturatedPoolAnswers503() {
    // Hold every pooled connection in open transactions, then ask for one more.
    var held = new java.util.ArrayList<java.sql.Connection>();
    try {
      var dataSource = applicationDataSource();
      for (int i = 0; i < 10; i++) {
        held.add(dataSource.getConnection());
      }
      expect(
          api().post("/v1/orders", "k-503", orderBody(newCart(), 100)),
          ErrorCode.SERVICE_UNAVAILABLE);
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    } finally {
      for (var c : held) {
        try {
          c.close();
        } catch (java.sql.SQLException ignored) {
          // closing a pooled connection only returns it
        }
      }
    }
  }

  @Autowired javax.sql.DataSource applicationDataSourceBean;

  private javax.sql.DataSource applicationDataSource() {
    return applicationDataSourceBean;
  }

  @Test
  void gatewayWebhookWithoutAValidSignature() {
    String event = "{\"id\":\"evt_1\",\"type\":\"charge.captured\",\"data\":{\"object\":{}}}";
    var unsigned =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/webhooks/sim"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(event))
            .build();
    expect(api().send(unsigned), ErrorCode.WEBHOOK_SIGNATURE_INVALID);
  }

  @AfterAll
  static void everyCodeButInternalErrorWasProvoked() {
    Set<ErrorCode> expected = EnumSet.allOf(ErrorCode.class);
    expected.remove(ErrorCode.INTERNAL_ERROR);
    // Provoked on servers of their own, with limits low enough to reach: RateLimitIT (per key)
    // and web.FailedAuthenticationIT (per address; reaching it here would lock this class out).
    expected.remove(ErrorCode.RATE_LIMITED);
    assertThat(SEEN).containsExactlyInAnyOrderElementsOf(expected);
  }
}
