package com.oncepay.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonMappingTest {

  @Test
  void readsAnOrderWithItsPayments() {
    Order order = read(Samples.ORDER_WITH_PAYMENTS, Order.class);

    assertThat(order.id()).isEqualTo(Samples.ORDER_ID);
    assertThat(order.cartId()).isEqualTo("cart-42");
    assertThat(order.amount()).isEqualTo(1050);
    assertThat(order.currency()).isEqualTo("EUR");
    assertThat(order.status()).isEqualTo("paid");
    assertThat(order.customerEmail()).isEqualTo("ada@example.com");
    assertThat(order.metadata())
        .containsExactly(Map.entry("shop_order", "A-1001"), Map.entry("channel", "web"));
    assertThat(order.version()).isEqualTo(3);
    assertThat(order.createdAt().toInstant())
        .isEqualTo(OffsetDateTime.parse("2026-03-01T10:15:30.123456Z").toInstant());
    assertThat(order.updatedAt().toInstant())
        .isEqualTo(OffsetDateTime.parse("2026-03-01T09:15:32Z").toInstant());
    assertThat(order.payments())
        .singleElement()
        .isEqualTo(
            new Payment(
                Samples.PAYMENT_ID,
                Samples.ORDER_ID,
                "partially_refunded",
                1050,
                "EUR",
                1050,
                1050,
                300,
                200,
                "pm_ok",
                "automatic",
                null,
                "op_5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a",
                "ch_000017",
                5));
  }

  @Test
  void readsAnOrderWithoutPaymentsOrMetadataAsEmptyCollections() {
    Order order = read(Samples.ORDER, Order.class);

    assertThat(order.status()).isEqualTo("pending_payment");
    assertThat(order.customerEmail()).isNull();
    assertThat(order.metadata()).isEmpty();
    assertThat(order.payments()).isEmpty();
  }

  @Test
  void ignoresFieldsANewerServerAdds() {
    String newer =
        Samples.PAYMENT.replace(
            "\"object\":\"payment\",",
            "\"object\":\"payment\",\"risk\":{\"score\":12},\"tags\":[\"vip\"],");

    Payment payment = read(newer, Payment.class);

    assertThat(payment.id()).isEqualTo(Samples.PAYMENT_ID);
    assertThat(payment.status()).isEqualTo("authorized");
    assertThat(payment.amountAuthorized()).isEqualTo(1050);
    assertThat(payment.captureMethod()).isEqualTo("manual");
    assertThat(payment.gatewayChargeId()).isEqualTo("ch_000017");
    assertThat(payment.version()).isEqualTo(2);
  }

  @Test
  void readsARefund() {
    assertThat(read(Samples.REFUND, Refund.class))
        .isEqualTo(
            new Refund(
                "re_5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a",
                Samples.PAYMENT_ID,
                300,
                "EUR",
                "succeeded",
                null));
  }

  @Test
  void readsTheErrorOfAnErrorAnswerOnly() {
    byte[] body =
        """
        {"error":{"type":"card_error","code":"card_declined","message":"Declined.","param":"payment_method"}}"""
            .getBytes(StandardCharsets.UTF_8);

    assertThat(new ApiResult(402, body, Map.of(), false, 1).error())
        .contains(new ApiError("card_error", "card_declined", "Declined.", "payment_method"));
    assertThat(new ApiResult(200, body, Map.of(), false, 1).error()).isEmpty();
    assertThat(
            new ApiResult(502, "<html>bad gateway</html>".getBytes(), Map.of(), false, 1).error())
        .isEmpty();
  }

  @Test
  void writesRequestsInSnakeCaseWithoutNullFields() {
    assertThat(write(new PlaceOrderRequest("cart-42", 1050, "EUR")))
        .isEqualTo("{\"cart_id\":\"cart-42\",\"amount\":1050,\"currency\":\"EUR\"}");

    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("shop_order", "A-1001");
    metadata.put("channel", "web");
    assertThat(write(new PlaceOrderRequest("cart-42", 1050, "EUR", "ada@example.com", metadata)))
        .isEqualTo(
            "{\"cart_id\":\"cart-42\",\"amount\":1050,\"currency\":\"EUR\","
                + "\"customer_email\":\"ada@example.com\","
                + "\"metadata\":{\"shop_order\":\"A-1001\",\"channel\":\"web\"}}");

    assertThat(write(PayRequest.manual("pm_ok")))
        .isEqualTo("{\"payment_method\":\"pm_ok\",\"capture\":\"manual\",\"async\":false}");
    assertThat(write(PayRequest.automatic("pm_ok")))
        .isEqualTo("{\"payment_method\":\"pm_ok\",\"capture\":\"automatic\",\"async\":false}");
    assertThat(write(new PayRequest("pm_async", null, true)))
        .isEqualTo("{\"payment_method\":\"pm_async\",\"async\":true}");
  }

  @Test
  void resultHeadersAreCaseInsensitiveAndTheBodyCannotBeChangedFromOutside() {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    ApiResult result = new ApiResult(200, body, Map.of("retry-after", List.of("3")), false, 1);
    body[0] = 'x';
    result.body()[1] = 'y';

    assertThat(result.header("Retry-After")).contains("3");
    assertThat(result.bodyText()).isEqualTo("{}");
  }

  private static <T> T read(String json, Class<T> type) {
    return JsonCodec.read(json.getBytes(StandardCharsets.UTF_8), type);
  }

  private static String write(Object value) {
    return new String(JsonCodec.write(value), StandardCharsets.UTF_8);
  }
}
