package com.oncepay.openapi.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.oncepay.openapi.client.ApiClient;
import com.oncepay.openapi.client.ApiException;
import com.oncepay.openapi.client.ApiResponse;
import com.oncepay.openapi.client.api.ApiDescriptionApi;
import com.oncepay.openapi.client.api.EventsApi;
import com.oncepay.openapi.client.api.OrdersApi;
import com.oncepay.openapi.client.api.PaymentsApi;
import com.oncepay.openapi.client.api.WebhookEndpointApi;
import com.oncepay.openapi.client.model.CaptureMethod;
import com.oncepay.openapi.client.model.CaptureRequest;
import com.oncepay.openapi.client.model.Error;
import com.oncepay.openapi.client.model.ErrorCode;
import com.oncepay.openapi.client.model.Event;
import com.oncepay.openapi.client.model.EventType;
import com.oncepay.openapi.client.model.Order;
import com.oncepay.openapi.client.model.OrderStatus;
import com.oncepay.openapi.client.model.OrderWithPayments;
import com.oncepay.openapi.client.model.PayRequest;
import com.oncepay.openapi.client.model.Payment;
import com.oncepay.openapi.client.model.PaymentStatus;
import com.oncepay.openapi.client.model.PlaceOrderRequest;
import com.oncepay.openapi.client.model.Refund;
import com.oncepay.openapi.client.model.RefundRequest;
import com.oncepay.openapi.client.model.RefundStatus;
import com.oncepay.openapi.client.model.WebhookEndpoint;
import com.oncepay.openapi.client.model.WebhookEndpointRequest;
import com.oncepay.testsupport.ApiTestBase;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The client a shop would generate from docs/openapi.yaml, against the real service: every call a
 * shop makes, answered and read into the generated models. Unknown JSON fields fail here (the
 * generated default ignores them), and the generated enums refuse undocumented values, so a field
 * or status the document misses shows up as a failure.
 */
class GeneratedClientIT extends ApiTestBase {

  private ApiClient client(String apiKey) {
    ObjectMapper strict =
        ApiClient.createDefaultObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    ApiClient client = new ApiClient();
    client.updateBaseUri("http://127.0.0.1:" + port);
    client.setObjectMapper(strict);
    client.setReadTimeout(Duration.ofSeconds(30));
    if (apiKey != null) {
      client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + apiKey));
    }
    return client;
  }

  private final String cart = "cart-" + UUID.randomUUID();

  @Test
  void aCheckoutFromOrderToRefund() throws Exception {
    ApiClient client = client(API_KEY);
    OrdersApi orders = new OrdersApi(client);
    PaymentsApi payments = new PaymentsApi(client);
    EventsApi events = new EventsApi(client);

    PlaceOrderRequest place =
        new PlaceOrderRequest()
            .cartId(cart)
            .amount(2500L)
            .currency("EUR")
            .customerEmail("ada@example.com")
            .metadata(Map.of("shop_order", "10042"));
    ApiResponse<Order> created = orders.placeOrderWithHttpInfo("place-" + cart, place);
    assertThat(created.getStatusCode()).isEqualTo(201);
    Order order = created.getData();
    assertThat(order.getStatus()).isEqualTo(OrderStatus.PENDING_PAYMENT);
    assertThat(order.getMetadata()).containsEntry("shop_order", "10042");
    ApiResponse<Order> replayed = orders.placeOrderWithHttpInfo("place-" + cart, place);
    assertThat(replayed.getHeaders()).containsEntry("idempotent-replayed", List.of("true"));
    assertThat(replayed.getData()).isEqualTo(order);

    ApiResponse<Payment> paid =
        payments.payOrderWithHttpInfo(
            order.getId(),
            "pay-" + cart,
            new PayRequest().paymentMethod("pm_ok").capture(CaptureMethod.MANUAL));
    assertThat(paid.getStatusCode()).isEqualTo(201);
    Payment payment = paid.getData();
    assertThat(payment.getStatus()).isEqualTo(PaymentStatus.AUTHORIZED);
    assertThat(payment.getAmountAuthorized()).isEqualTo(2500L);

    Payment captured =
        payments.capturePayment(
            payment.getId(), "capture-" + cart, new CaptureRequest().amount(2000L));
    assertThat(captured.getStatus()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(captured.getAmountCaptured()).isEqualTo(2000L);

    Refund refund =
        payments.refundPayment(payment.getId(), "refund-" + cart, new RefundRequest().amount(500L));
    assertThat(refund.getStatus()).isEqualTo(RefundStatus.SUCCEEDED);
    assertThat(payments.listRefunds(payment.getId()).getData()).containsExactly(refund);

    OrderWithPayments read = orders.getOrder(order.getId());
    assertThat(read.getStatus()).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
    assertThat(read.getPayments()).hasSize(1);
    assertThat(read.getPayments().getFirst().getAmountRefunded()).isEqualTo(500L);
    assertThat(payments.getPayment(payment.getId()).getStatus())
        .isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);

    List<Event> latest = events.listEvents(100).getData();
    assertThat(latest)
        .extracting(Event::getType)
        .contains(
            EventType.ORDER_CREATED,
            EventType.ORDER_AUTHORIZED,
            EventType.PAYMENT_AUTHORIZED,
            EventType.PAYMENT_CAPTURED,
            EventType.ORDER_PAID,
            EventType.PAYMENT_REFUNDED);
    Event first = latest.getFirst();
    assertThat(events.getEvent(first.getId())).isEqualTo(first);
    assertThat(first.getData().getObject()).containsKey("object");
    // No endpoint was set when these events happened, so none was sent.
    assertThat(events.listEventDeliveries(first.getId()).getData()).isEmpty();
  }

  @Test
  void errorsAreReadIntoTheGeneratedErrorModel() throws Exception {
    OrdersApi orders = new OrdersApi(client(API_KEY));
    PaymentsApi payments = new PaymentsApi(client(API_KEY));
    Order order =
        orders.placeOrder(
            "place-" + cart, new PlaceOrderRequest().cartId(cart).amount(700L).currency("EUR"));

    ApiException declined =
        catchThrowableOfType(
            ApiException.class,
            () ->
                payments.payOrder(
                    order.getId(), "pay-" + cart, new PayRequest().paymentMethod("pm_declined")));
    assertThat(declined.getCode()).isEqualTo(402);
    assertThat(error(declined).getError().getCode()).isEqualTo(ErrorCode.CARD_DECLINED);
    assertThat(error(declined).getError().getParam()).isEqualTo("payment_method");

    ApiException conflict =
        catchThrowableOfType(
            ApiException.class,
            () ->
                orders.placeOrder(
                    "place-again-" + cart,
                    new PlaceOrderRequest().cartId(cart).amount(701L).currency("EUR")));
    assertThat(conflict.getCode()).isEqualTo(409);
    assertThat(error(conflict).getError().getCode()).isEqualTo(ErrorCode.CART_ALREADY_ORDERED);

    ApiException missing =
        catchThrowableOfType(ApiException.class, () -> payments.getPayment("pay_nothing"));
    assertThat(missing.getCode()).isEqualTo(404);
    assertThat(error(missing).getError().getCode()).isEqualTo(ErrorCode.NOT_FOUND);

    ApiException unauthorized =
        catchThrowableOfType(
            ApiException.class, () -> new OrdersApi(client("sk_wrong")).getOrder(order.getId()));
    assertThat(unauthorized.getCode()).isEqualTo(401);
    assertThat(error(unauthorized).getError().getCode()).isEqualTo(ErrorCode.UNAUTHORIZED);
  }

  @Test
  void aVoidTheWebhookEndpointAndTheDocumentItself() throws Exception {
    ApiClient client = client(API_KEY);
    OrdersApi orders = new OrdersApi(client);
    PaymentsApi payments = new PaymentsApi(client);
    Order order =
        orders.placeOrder(
            "place-" + cart, new PlaceOrderRequest().cartId(cart).amount(900L).currency("EUR"));
    Payment authorized =
        payments.payOrder(
            order.getId(),
            "pay-" + cart,
            new PayRequest().paymentMethod("pm_ok").capture(CaptureMethod.MANUAL));
    // The body is optional, but when sent it must be an object: the generated client writes a
    // null body as the JSON literal null, which the server refuses as invalid_json.
    Payment voided = payments.voidPayment(authorized.getId(), "void-" + cart, Map.of());
    assertThat(voided.getStatus()).isEqualTo(PaymentStatus.VOIDED);
    assertThat(orders.getOrder(order.getId()).getStatus()).isEqualTo(OrderStatus.CANCELED);

    WebhookEndpointApi endpoints = new WebhookEndpointApi(client);
    WebhookEndpoint set =
        endpoints.setWebhookEndpoint(
            new WebhookEndpointRequest().url(java.net.URI.create("http://127.0.0.1:9/hooks")));
    assertThat(set.getSecret()).startsWith("whsec_");
    // A read shows everything but the secret, which only the creating answer carries.
    WebhookEndpoint read = endpoints.getWebhookEndpoint();
    assertThat(read.getSecret()).isNull();
    assertThat(read.getUrl()).isEqualTo(set.getUrl());
    assertThat(read.getCreatedAt()).isEqualTo(set.getCreatedAt());
    assertThat(endpoints.deleteWebhookEndpoint().getDeleted()).isTrue();
    ApiException none = catchThrowableOfType(ApiException.class, endpoints::getWebhookEndpoint);
    assertThat(none.getCode()).isEqualTo(404);

    File description = new ApiDescriptionApi(client(null)).getApiDescription();
    assertThat(Files.readAllBytes(description.toPath()))
        .isEqualTo(Files.readAllBytes(Path.of("..", "docs", "openapi.yaml")));
  }

  private Error error(ApiException e) throws Exception {
    return ApiClient.createDefaultObjectMapper().readValue(e.getResponseBody(), Error.class);
  }
}
