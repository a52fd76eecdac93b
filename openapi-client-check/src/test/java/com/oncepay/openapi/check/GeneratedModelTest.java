package com.oncepay.openapi.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.oncepay.openapi.client.ApiClient;
import com.oncepay.openapi.client.model.Error;
import com.oncepay.openapi.client.model.ErrorCode;
import com.oncepay.openapi.client.model.Order;
import com.oncepay.openapi.client.model.OrderStatus;
import com.oncepay.openapi.client.model.PlaceOrderRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The client generated from docs/openapi.yaml at build time compiled (this class would not
 * otherwise), and its models read and write the API's JSON with the generated mapper.
 */
class GeneratedModelTest {

  private final ObjectMapper json = ApiClient.createDefaultObjectMapper();

  @Test
  void placeOrderRequestIsWrittenInTheApisSnakeCase() throws Exception {
    PlaceOrderRequest request =
        new PlaceOrderRequest()
            .cartId("cart-42")
            .amount(2500L)
            .currency("EUR")
            .metadata(Map.of("shop_order", "10042"));

    assertThat(json.readTree(json.writeValueAsBytes(request)))
        .isEqualTo(
            json.readTree(
                "{\"cart_id\":\"cart-42\",\"amount\":2500,\"currency\":\"EUR\","
                    + "\"metadata\":{\"shop_order\":\"10042\"}}"));
  }

  @Test
  void anOrderAndAnErrorAreReadIntoTheirModels() throws Exception {
    Order order =
        json.readValue(
            """
            {"id":"ord_3f0c6a1e-5d55-4c56-9d4f-0f0c9a2f7e11","object":"order","cart_id":"cart-42",
             "amount":2500,"currency":"EUR","status":"pending_payment","customer_email":null,
             "metadata":null,"version":1,"created_at":"2026-12-01T10:00:00.123456Z",
             "updated_at":"2026-12-01T10:00:00.123456Z"}
            """,
            Order.class);
    assertThat(order.getStatus()).isEqualTo(OrderStatus.PENDING_PAYMENT);
    assertThat(order.getAmount()).isEqualTo(2500L);
    assertThat(order.getCreatedAt().getNano()).isEqualTo(123_456_000);

    Error error =
        json.readValue(
            """
            {"error":{"type":"conflict_error","code":"order_busy",
             "message":"Order ord_1 has a payment in progress; retry later."}}
            """,
            Error.class);
    assertThat(error.getError().getCode()).isEqualTo(ErrorCode.ORDER_BUSY);
    assertThat(error.getError().getParam()).isNull();
  }
}
