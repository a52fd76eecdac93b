package com.oncepay.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.oncepay.testsupport.ApiTestBase;
import com.oncepay.testsupport.Await;
import com.oncepay.web.RequestIdFilter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request ids on every answer, and the ids of a request or a job on every line it logs, read back
 * from the service's real console output in JSON mode.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(
    properties = {
      "oncepay.log.format=json",
      // A 5xx from the gateway is an unknown outcome, logged at once: no retries to wait for.
      "oncepay.gateway.max-attempts=1",
      "oncepay.gateway.read-timeout=2s",
      "oncepay.idempotency.lease=10s"
    })
class RequestLogIT extends ApiTestBase {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String UUID_PATTERN =
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void aUsableRequestIdIsEchoedAndAnyOtherReplaced() {
    assertThat(requestId(get("/v1/orders/ord_none", "shop-req-42"))).isEqualTo("shop-req-42");
    String longest = "r".repeat(128);
    assertThat(requestId(get("/v1/orders/ord_none", longest))).isEqualTo(longest);

    for (String unusable : List.of("r".repeat(129), "has space", "tab\there")) {
      String answered = requestId(get("/v1/orders/ord_none", unusable));
      assertThat(answered).as(unusable).matches(UUID_PATTERN);
    }
    String first = requestId(get("/v1/orders/ord_none", null));
    String second = requestId(get("/v1/orders/ord_none", null));
    assertThat(first).matches(UUID_PATTERN).isNotEqualTo(second);
  }

  @Test
  void answersWrittenByFiltersCarryTheRequestIdToo() {
    HttpResponse<String> unauthorized =
        send(
            HttpRequest.newBuilder(url("/v1/orders/ord_none"))
                .header(RequestIdFilter.HEADER, "no-key-1")
                .GET());
    assertThat(unauthorized.statusCode()).isEqualTo(401);
    assertThat(requestId(unauthorized)).isEqualTo("no-key-1");

    HttpResponse<String> unauthorizedGenerated =
        send(HttpRequest.newBuilder(url("/v1/orders/ord_none")).GET());
    assertThat(unauthorizedGenerated.statusCode()).isEqualTo(401);
    assertThat(requestId(unauthorizedGenerated)).matches(UUID_PATTERN);

    HttpResponse<String> tooLarge =
        send(
            authorized("/v1/orders", "too-large-1")
                .header("Idempotency-Key", "k-too-large")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + " ".repeat(70_000) + "]")));
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(requestId(tooLarge)).isEqualTo("too-large-1");

    HttpResponse<String> health =
        send(
            HttpRequest.newBuilder(url("/actuator/health"))
                .header(RequestIdFilter.HEADER, "probe-1")
                .GET());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(requestId(health)).isEqualTo("probe-1");
  }

  @Test
  void everyLineOfARequestCarriesItsIds(CapturedOutput output) {
    sim().updateKnobs(sim().knobs().withErrorRate(1.0));
    String order = placeOrder("it-place-1");
    HttpResponse<String> pay =
        send(
            authorized("/v1/orders/" + order + "/payments", "it-pay-1")
                .header("Idempotency-Key", "k-it-pay-1")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"payment_method\":\"pm_ok\"}")));
    assertThat(pay.statusCode()).as(pay.body()).isEqualTo(202);
    String payment = JSON.readTree(pay.body()).get("id").asString();
    String merchant = merchantId();

    // A line from deep inside the request: the finalize of the unknown gateway outcome.
    JsonNode unknown =
        awaitLine(
            output,
            "the unknown outcome's line",
            line ->
                "it-pay-1".equals(text(line, "request_id")) && message(line).contains("unknown"));
    assertThat(text(unknown, "merchant_id")).isEqualTo(merchant);
    assertThat(text(unknown, "order_id")).isEqualTo(order);
    assertThat(text(unknown, "payment_id")).isEqualTo(payment);
    assertThat(text(unknown, "operation_id")).startsWith("op_");
    assertThat(unknown.path("log").path("level").asString()).isEqualTo("WARN");

    // The request's own line, written last, still has every id the request came to.
    JsonNode request =
        awaitLine(
            output,
            "the pay request's line",
            line -> "it-pay-1".equals(text(line, "request_id")) && isAccessLine(line));
    assertThat(message(request)).startsWith("POST /v1/orders/" + order + "/payments 202 ");
    assertThat(text(request, "merchant_id")).isEqualTo(merchant);
    assertThat(text(request, "order_id")).isEqualTo(order);
    assertThat(text(request, "payment_id")).isEqualTo(payment);
    assertThat(text(request, "operation_id")).isEqualTo(text(unknown, "operation_id"));

    JsonNode placed =
        awaitLine(
            output,
            "the place request's line",
            line -> "it-place-1".equals(text(line, "request_id")) && isAccessLine(line));
    assertThat(message(placed)).startsWith("POST /v1/orders 201 ");
    assertThat(text(placed, "order_id")).isEqualTo(order);
    assertThat(text(placed, "merchant_id")).isEqualTo(merchant);

    assertThat(output.getAll()).doesNotContain(API_KEY);
  }

  @Test
  void aWorkersLinesCarryTheJobAndItsOperation(CapturedOutput output) {
    sim().updateKnobs(sim().knobs().withErrorRate(1.0));
    String order = placeOrder("it-place-async");
    HttpResponse<String> pay =
        send(
            authorized("/v1/orders/" + order + "/payments", "it-pay-async")
                .header("Idempotency-Key", "k-it-pay-async")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"payment_method\":\"pm_ok\",\"async\":true}")));
    assertThat(pay.statusCode()).as(pay.body()).isEqualTo(202);
    String payment = JSON.readTree(pay.body()).get("id").asString();

    JsonNode line =
        awaitLine(
            output,
            "the worker's line about the unknown outcome",
            l -> payment.equals(text(l, "payment_id")) && text(l, "job_id") != null);
    assertThat(text(line, "job_kind")).isEqualTo("operation");
    assertThat(text(line, "job_id")).matches("\\d+");
    assertThat(text(line, "operation_id")).startsWith("op_");
    assertThat(text(line, "order_id")).isEqualTo(order);
    assertThat(message(line)).contains("unknown");
    assertThat(line.path("process").path("thread").path("name").asString())
        .startsWith("oncepay-job-");
    // The worker's thread is not a request's: no request id leaks onto it.
    assertThat(line.has("request_id")).isFalse();
  }

  @Test
  void databaseErrorsCarryNoRowValues(@Autowired DataSource pool) throws SQLException {
    // The exception handler logs unexpected errors whole; a violated constraint must not bring
    // the row (a webhook secret, say) into that line.
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      try {
        statement.execute(
            "CREATE TEMP TABLE log_check (secret text CHECK (secret <> 'whsec_not_for_logs'))");
        assertThatThrownBy(
                () -> statement.execute("INSERT INTO log_check VALUES ('whsec_not_for_logs')"))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("violates check constraint")
            .hasMessageNotContaining("whsec_not_for_logs");
      } finally {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    }
  }

  private String placeOrder(String requestId) {
    HttpResponse<String> placed =
        send(
            authorized("/v1/orders", requestId)
                .header("Idempotency-Key", "k-" + requestId)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"cart_id\":\"cart-"
                            + UUID.randomUUID()
                            + "\",\"amount\":1500,\"currency\":\"EUR\"}")));
    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
    assertThat(requestId(placed)).isEqualTo(requestId);
    return JSON.readTree(placed.body()).get("id").asString();
  }

  private String merchantId() {
    return jdbc.sql("SELECT id FROM merchants").query(UUID.class).single().toString();
  }

  /** Waits until a JSON line of the console output matches, and returns it. */
  private static JsonNode awaitLine(CapturedOutput output, String what, Predicate<JsonNode> match) {
    return Await.until(
            Duration.ofSeconds(20),
            what,
            () -> jsonLines(output).stream().filter(match).findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  /** Every line of the output that is a JSON object; in JSON mode that is every log line. */
  private static List<JsonNode> jsonLines(CapturedOutput output) {
    return output
        .getOut()
        .lines()
        .filter(line -> line.startsWith("{"))
        .map(line -> (JsonNode) JSON.readTree(line))
        .toList();
  }

  private static boolean isAccessLine(JsonNode line) {
    return RequestIdFilter.ACCESS_LOGGER.equals(line.path("log").path("logger").asString());
  }

  private static String message(JsonNode line) {
    return line.path("message").asString();
  }

  private static String text(JsonNode line, String field) {
    JsonNode value = line.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  private HttpResponse<String> get(String path, String requestId) {
    return send(authorized(path, requestId).GET());
  }

  private HttpRequest.Builder authorized(String path, String requestId) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(url(path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + API_KEY);
    if (requestId != null) {
      builder.header(RequestIdFilter.HEADER, requestId);
    }
    return builder;
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String requestId(HttpResponse<String> response) {
    return response.headers().firstValue(RequestIdFilter.HEADER).orElse(null);
  }
}
