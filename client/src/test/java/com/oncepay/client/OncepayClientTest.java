package com.oncepay.client;

import static com.oncepay.client.ScriptedServer.answer;
import static com.oncepay.client.ScriptedServer.drop;
import static com.oncepay.client.ScriptedServer.error;
import static com.oncepay.client.ScriptedServer.stall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.oncepay.client.ScriptedServer.Request;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The client against a real HTTP server on 127.0.0.1 that answers a programmed sequence. */
class OncepayClientTest {

  private static final String API_KEY = "sk_test_client";
  private static final PlaceOrderRequest ORDER_REQUEST =
      new PlaceOrderRequest("cart-42", 1050, "EUR", "ada@example.com", null);

  private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
  private ScriptedServer server;
  private OncepayClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void retriesBusyAndUnavailableAnswersWithTheSameKeyAndBodyHonouringRetryAfter()
      throws IOException {
    start(
        error(503, "api_error", "service_unavailable", "1"),
        error(409, "idempotency_error", "idempotency_key_in_use", "0"),
        answer(201, Samples.ORDER));

    long started = System.nanoTime();
    Order order = client.placeOrder(ORDER_REQUEST, "checkout-cart-42");
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

    assertThat(order.id()).isEqualTo(Samples.ORDER_ID);
    List<Request> requests = server.requests();
    assertThat(requests).hasSize(3);
    assertThat(requests)
        .allSatisfy(
            request -> {
              assertThat(request.method()).isEqualTo("POST");
              assertThat(request.path()).isEqualTo("/v1/orders");
              assertThat(request.header("Idempotency-Key")).isEqualTo("checkout-cart-42");
              assertThat(request.header("Authorization")).isEqualTo("Bearer " + API_KEY);
              assertThat(request.header("Content-Type")).isEqualTo("application/json");
              assertThat(request.body()).isEqualTo(requests.getFirst().body());
            });
    assertThat(requests.getFirst().bodyText())
        .isEqualTo(
            "{\"cart_id\":\"cart-42\",\"amount\":1050,\"currency\":\"EUR\","
                + "\"customer_email\":\"ada@example.com\"}");
    assertThat(Duration.ofNanos(requests.get(1).nanos() - requests.get(0).nanos()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(elapsed).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(10));
    assertThat(attempts)
        .extracting(Attempt::attemptNumber, Attempt::status, Attempt::idempotencyKey)
        .containsExactly(
            tuple(1, 503, "checkout-cart-42"),
            tuple(2, 409, "checkout-cart-42"),
            tuple(3, 201, "checkout-cart-42"));
  }

  @ParameterizedTest(name = "{0} {2}")
  @CsvSource({
    "400, invalid_request_error, parameter_invalid",
    "401, authentication_error, unauthorized",
    "402, card_error, card_declined",
    "404, invalid_request_error, not_found",
    "409, invalid_request_error, order_already_paid",
    "409, invalid_state_error, cart_already_ordered",
    "422, idempotency_error, idempotency_key_reused",
    "422, invalid_request_error, amount_exceeds_authorized"
  })
  void neverRetriesAnAnswerThatNeedsAFix(int status, String type, String code) throws IOException {
    start(error(status, type, code, null), answer(201, Samples.PAYMENT));

    OncepayApiException thrown =
        catchThrowableOfType(
            OncepayApiException.class,
            () -> client.pay(Samples.ORDER_ID, PayRequest.manual("pm_ok"), "pay-cart-42"));

    assertThat(server.requests()).hasSize(1);
    assertThat(thrown.status()).isEqualTo(status);
    assertThat(thrown.code()).isEqualTo(code);
    assertThat(thrown.error().type()).isEqualTo(type);
    assertThat(thrown.attempts()).isEqualTo(1);
    assertThat(thrown.retryable()).isFalse();
    assertThat(thrown.idempotencyKey()).isEqualTo("pay-cart-42");
    assertThat(thrown.getMessage())
        .contains(String.valueOf(status), code, "Idempotency-Key: pay-cart-42")
        .doesNotContain("retry later");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "429, rate_limited",
    "500, internal_error",
    "502, bad_gateway",
    "503, service_unavailable",
    "504, gateway_timeout",
    "409, order_busy",
    "409, payment_busy"
  })
  void retriesOverloadAndBusyAnswers(int status, String code) throws IOException {
    start(error(status, "api_error", code, null), answer(200, Samples.PAYMENT));

    Payment payment = client.capture(Samples.PAYMENT_ID, null, "capture-1");

    assertThat(payment.id()).isEqualTo(Samples.PAYMENT_ID);
    assertThat(server.requests())
        .hasSize(2)
        .allSatisfy(
            request -> {
              assertThat(request.path())
                  .isEqualTo("/v1/payments/" + Samples.PAYMENT_ID + "/capture");
              assertThat(request.header("Idempotency-Key")).isEqualTo("capture-1");
              assertThat(request.bodyText()).isEqualTo("{}");
            });
  }

  @Test
  void retriesWhenTheServerClosesTheConnectionWithoutAnswering() throws IOException {
    start(drop(), drop(), answer(200, Samples.PAYMENT));

    Payment payment = client.capture(Samples.PAYMENT_ID, 500L, "capture-500");

    assertThat(payment.status()).isEqualTo("authorized");
    assertThat(server.requests())
        .hasSize(3)
        .allSatisfy(
            request -> {
              assertThat(request.header("Idempotency-Key")).isEqualTo("capture-500");
              assertThat(request.bodyText()).isEqualTo("{\"amount\":500}");
            });
    assertThat(attempts).extracting(Attempt::status).containsExactly(-1, -1, 200);
    assertThat(attempts.get(0).error()).isInstanceOf(IOException.class);
    assertThat(attempts.get(2).error()).isNull();
  }

  @Test
  void retriesAnAttemptThatTimesOut() throws IOException {
    server = ScriptedServer.start(stall(), answer(200, Samples.PAYMENT));
    client = builder().requestTimeout(Duration.ofMillis(300)).build();

    Payment payment = client.voidPayment(Samples.PAYMENT_ID, "void-1");

    assertThat(payment.id()).isEqualTo(Samples.PAYMENT_ID);
    assertThat(server.requests())
        .hasSize(2)
        .allSatisfy(request -> assertThat(request.header("Idempotency-Key")).isEqualTo("void-1"));
    assertThat(attempts.getFirst().error()).isInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void givesUpWithAConnectionExceptionNamingTheKeyWhenNothingListens() throws IOException {
    URI nothing;
    try (ServerSocket socket = new ServerSocket(0)) {
      nothing = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
    client =
        OncepayClient.builder(nothing, API_KEY)
            .maxAttempts(3)
            .initialBackoff(Duration.ofMillis(10))
            .maxBackoff(Duration.ofMillis(20))
            .listener(attempts::add)
            .build();

    OncepayConnectionException thrown =
        catchThrowableOfType(
            OncepayConnectionException.class,
            () -> client.placeOrder(ORDER_REQUEST, "checkout-refused"));

    assertThat(thrown.attempts()).isEqualTo(3);
    assertThat(thrown.status()).isEqualTo(-1);
    assertThat(thrown.retryable()).isTrue();
    assertThat(thrown.idempotencyKey()).isEqualTo("checkout-refused");
    assertThat(thrown.getMessage())
        .contains("Idempotency-Key: checkout-refused", "retry later with the same Idempotency-Key");
    assertThat(attempts).hasSize(3).allSatisfy(a -> assertThat(a.status()).isEqualTo(-1));
    assertThat(attempts.getFirst().error()).isInstanceOf(ConnectException.class);
  }

  @Test
  void generatedKeysAreStableAcrossRetriesAndDifferentAcrossCalls() throws IOException {
    start(
        error(503, "api_error", "service_unavailable", null),
        answer(201, Samples.ORDER),
        answer(200, Samples.ORDER),
        drop(),
        answer(201, Samples.PAYMENT));

    client.placeOrder(ORDER_REQUEST);
    client.placeOrder(ORDER_REQUEST);
    client.pay(Samples.ORDER_ID, PayRequest.automatic("pm_ok"));

    List<String> keys =
        server.requests().stream().map(request -> request.header("Idempotency-Key")).toList();
    assertThat(keys).hasSize(5).doesNotContainNull();
    assertThat(keys.get(1)).isEqualTo(keys.get(0));
    assertThat(keys.get(2)).isNotEqualTo(keys.get(0));
    assertThat(keys.get(4)).isEqualTo(keys.get(3)).isNotIn(keys.get(0), keys.get(2));
    assertThat(keys).allSatisfy(key -> UUID.fromString(key));
  }

  @Test
  void stopsAfterMaxAttemptsAndKeepsTheLastAnswer() throws IOException {
    server =
        ScriptedServer.start(
            error(503, "api_error", "service_unavailable", "0"),
            error(503, "api_error", "service_unavailable", "0"),
            error(503, "api_error", "service_unavailable", "0"),
            error(409, "conflict_error", "order_busy", "0"),
            error(409, "conflict_error", "order_busy", "0"),
            error(409, "conflict_error", "order_busy", "0"));
    client = builder().maxAttempts(3).build();

    ApiResult raw = client.send("POST", "/v1/orders", "raw-1", "{}".getBytes());
    OncepayApiException thrown =
        catchThrowableOfType(
            OncepayApiException.class,
            () -> client.pay(Samples.ORDER_ID, PayRequest.automatic("pm_ok"), "pay-busy"));

    assertThat(raw.status()).isEqualTo(503);
    assertThat(raw.attempts()).isEqualTo(3);
    assertThat(raw.error()).map(ApiError::code).contains("service_unavailable");
    assertThat(thrown.status()).isEqualTo(409);
    assertThat(thrown.code()).isEqualTo("order_busy");
    assertThat(thrown.attempts()).isEqualTo(3);
    assertThat(thrown.retryable()).isTrue();
    assertThat(thrown.retryAfter()).isEqualTo(Duration.ZERO);
    assertThat(thrown.getMessage())
        .contains("order_busy", "Idempotency-Key: pay-busy", "retry later");
    assertThat(server.requests()).hasSize(6);
  }

  @Test
  void sendReturnsTheExactAnswerWithoutThrowing() throws IOException {
    String declined =
        "{\"error\":{\"type\":\"card_error\",\"code\":\"card_declined\",\"message\":\"No.\"}}";
    start(answer(201, Samples.ORDER, "Idempotent-Replayed", "true"), answer(402, declined));
    byte[] body = "{\"cart_id\":\"c\", \"amount\":1,\"currency\":\"EUR\"}".getBytes();

    ApiResult replay = client.send("POST", "/v1/orders", "\"quoted-key\"", body);
    ApiResult decline = client.send("post", "/v1/orders/x/payments", "k2", body);

    assertThat(replay.status()).isEqualTo(201);
    assertThat(replay.isSuccess()).isTrue();
    assertThat(replay.replayed()).isTrue();
    assertThat(replay.body()).isEqualTo(Samples.ORDER.getBytes(StandardCharsets.UTF_8));
    assertThat(replay.attempts()).isEqualTo(1);
    assertThat(decline.status()).isEqualTo(402);
    assertThat(decline.isSuccess()).isFalse();
    assertThat(decline.replayed()).isFalse();
    assertThat(decline.bodyText()).isEqualTo(declined);
    assertThat(decline.error()).map(ApiError::code).contains("card_declined");
    Request first = server.requests().getFirst();
    assertThat(first.header("Idempotency-Key")).isEqualTo("\"quoted-key\"");
    assertThat(first.body()).isEqualTo(body);
    assertThat(server.requests().get(1).method()).isEqualTo("POST");
  }

  @Test
  void getsCarryNoKeyAndMapTheAnswer() throws IOException {
    start(
        answer(200, Samples.ORDER_WITH_PAYMENTS),
        answer(200, Samples.PAYMENT),
        answer(200, Samples.REFUND_LIST));

    Order order = client.getOrder(Samples.ORDER_ID);
    Payment payment = client.getPayment(Samples.PAYMENT_ID);
    List<Refund> refunds = client.listRefunds(Samples.PAYMENT_ID);

    assertThat(order.payments())
        .singleElement()
        .extracting(Payment::amountRefunded)
        .isEqualTo(300L);
    assertThat(payment.amountAuthorized()).isEqualTo(1050);
    assertThat(refunds).extracting(Refund::status).containsExactly("succeeded", "pending");
    assertThat(server.requests())
        .extracting(Request::method, Request::path)
        .containsExactly(
            tuple("GET", "/v1/orders/" + Samples.ORDER_ID),
            tuple("GET", "/v1/payments/" + Samples.PAYMENT_ID),
            tuple("GET", "/v1/payments/" + Samples.PAYMENT_ID + "/refunds"));
    assertThat(server.requests())
        .allSatisfy(
            request -> {
              assertThat(request.header("Idempotency-Key")).isNull();
              assertThat(request.header("Authorization")).isEqualTo("Bearer " + API_KEY);
            });
  }

  @Test
  void refundSendsTheAmountAndMapsTheRefund() throws IOException {
    start(answer(201, Samples.REFUND));

    Refund refund = client.refund(Samples.PAYMENT_ID, 300L, "refund-1");

    assertThat(refund.amount()).isEqualTo(300);
    Request request = server.requests().getFirst();
    assertThat(request.path()).isEqualTo("/v1/payments/" + Samples.PAYMENT_ID + "/refunds");
    assertThat(request.bodyText()).isEqualTo("{\"amount\":300}");
  }

  @Test
  void sendsKeysWithSpacesAsQuotedStringsAndRejectsKeysTheServerWouldRefuse() throws IOException {
    start(answer(201, Samples.ORDER));

    client.placeOrder(ORDER_REQUEST, "order 42 \"web\"");

    assertThat(server.requests().getFirst().header("Idempotency-Key"))
        .isEqualTo("\"order 42 \\\"web\\\"\"");
    assertThatThrownBy(() -> client.placeOrder(ORDER_REQUEST, "ключ"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.placeOrder(ORDER_REQUEST, "k".repeat(256)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void anInterruptEndsTheWaitAtOnceAndKeepsTheFlag() throws Exception {
    CountDownLatch firstAttempt = new CountDownLatch(1);
    server = ScriptedServer.start(error(503, "api_error", "service_unavailable", "30"));
    client =
        builder()
            .listener(
                attempt -> {
                  attempts.add(attempt);
                  firstAttempt.countDown();
                })
            .build();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean flagKept = new AtomicBoolean();

    Thread caller =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    client.placeOrder(ORDER_REQUEST, "checkout-interrupted");
                  } catch (RuntimeException e) {
                    thrown.set(e);
                    flagKept.set(Thread.currentThread().isInterrupted());
                  }
                });
    assertThat(firstAttempt.await(5, TimeUnit.SECONDS)).isTrue();
    caller.interrupt();

    assertThat(caller.join(Duration.ofSeconds(5))).isTrue();
    assertThat(thrown.get())
        .isInstanceOf(OncepayConnectionException.class)
        .hasCauseInstanceOf(InterruptedException.class)
        .hasMessageContaining("checkout-interrupted");
    assertThat(flagKept).isTrue();
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void rejectsBadSettingsSayingWhatToFix() {
    URI url = URI.create("http://127.0.0.1:8080");
    assertThatThrownBy(() -> OncepayClient.builder(url, API_KEY).maxAttempts(0).build())
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> OncepayClient.builder(URI.create("localhost:8080"), API_KEY).build())
        .hasMessageContaining("baseUrl");
    assertThatThrownBy(() -> OncepayClient.builder(url, " ").build())
        .hasMessageContaining("apiKey");
    assertThatThrownBy(
            () -> OncepayClient.builder(url, API_KEY).requestTimeout(Duration.ZERO).build())
        .hasMessageContaining("requestTimeout");
  }

  private void start(ScriptedServer.Step... steps) throws IOException {
    server = ScriptedServer.start(steps);
    client = builder().build();
  }

  private OncepayClient.Builder builder() {
    return OncepayClient.builder(server.uri(), API_KEY)
        .initialBackoff(Duration.ofMillis(10))
        .maxBackoff(Duration.ofMillis(20))
        .requestTimeout(Duration.ofSeconds(5))
        .listener(attempts::add);
  }
}
