package com.oncepay.web;

import static com.oncepay.web.OpenApiDocument.asMap;
import static com.oncepay.web.OpenApiDocument.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.oncepay.error.ErrorCode;
import com.oncepay.gatewayevents.GatewayEventOutcome;
import com.oncepay.merchantevents.EventType;
import com.oncepay.order.model.OrderStatus;
import com.oncepay.order.web.OrderView;
import com.oncepay.payment.model.CaptureMethod;
import com.oncepay.payment.model.PaymentStatus;
import com.oncepay.payment.web.PaymentView;
import com.oncepay.payment.web.RefundView;
import com.oncepay.persistence.DbEnum;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.PropertyNamingStrategies;

/**
 * docs/openapi.yaml is written by hand, so it is checked against the code it describes: every
 * response schema against the view record the server serialises, every request schema against the
 * fields its controller accepts, every enum against its Java enum, and every error code against
 * {@link ErrorCode} and {@link HttpErrors#status}. The routes themselves are checked against the
 * running server by {@code OpenApiDocumentIT}.
 */
class OpenApiDocumentTest {

  private static final OpenApiDocument DOC = OpenApiDocument.load();

  /** Jackson's own snake_case, the naming of {@link Json}. */
  private static final class SnakeCase extends PropertyNamingStrategies.SnakeCaseStrategy {
    String of(String name) {
      return translate(name);
    }
  }

  private static final SnakeCase SNAKE = new SnakeCase();

  /** Response schema name to the record whose JSON it describes. */
  static Stream<Arguments> views() {
    return Stream.of(
        Arguments.of("Order", OrderView.class),
        Arguments.of(
            "OrderWithPayments",
            type("com.oncepay.payment.web.PaymentReadController$OrderWithPayments")),
        Arguments.of("Payment", PaymentView.class),
        Arguments.of("Refund", RefundView.class),
        Arguments.of(
            "RefundList", type("com.oncepay.payment.web.PaymentReadController$RefundList")),
        Arguments.of("Event", type("com.oncepay.merchantevents.EventView")),
        Arguments.of("EventData", type("com.oncepay.merchantevents.EventView$Data")),
        Arguments.of("EventList", type("com.oncepay.merchantevents.EventController$EventList")),
        Arguments.of("Delivery", type("com.oncepay.merchantevents.DeliveryView")),
        Arguments.of(
            "DeliveryList", type("com.oncepay.merchantevents.EventController$DeliveryList")),
        Arguments.of("WebhookEndpoint", type("com.oncepay.merchantevents.WebhookEndpointView")),
        Arguments.of(
            "WebhookEndpointDeleted",
            type("com.oncepay.merchantevents.WebhookEndpointView$Deleted")),
        Arguments.of(
            "GatewayEventReceived",
            type("com.oncepay.gatewayevents.GatewayWebhookController$Received")),
        Arguments.of("Merchant", type("com.oncepay.operator.OperatorViews$MerchantView")),
        Arguments.of("ApiKey", type("com.oncepay.operator.OperatorViews$ApiKeyView")),
        Arguments.of("CreatedApiKey", type("com.oncepay.operator.OperatorViews$CreatedApiKey")),
        Arguments.of("ApiKeyList", type("com.oncepay.operator.OperatorViews$ApiKeyList")),
        Arguments.of("ApiKeyRotation", type("com.oncepay.operator.OperatorViews$Rotation")),
        Arguments.of("AuditEntry", type("com.oncepay.operator.OperatorViews$AuditEntryView")),
        Arguments.of("AuditLogPage", type("com.oncepay.operator.OperatorViews$AuditLogPage")),
        Arguments.of("Error", type("com.oncepay.web.HttpErrors$ErrorBody")),
        Arguments.of("ErrorDetail", type("com.oncepay.web.HttpErrors$ErrorBody$Detail")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("views")
  void responseSchemasListTheViewsFieldsInTheirOrderWithMatchingTypes(String name, Class<?> view) {
    Map<String, Object> schema = DOC.schema(name);
    List<JsonField> fields = jsonFields(view);
    List<String> expected = fields.stream().map(f -> f.name).toList();

    Map<String, Object> properties = map(schema, "properties");
    assertThat(List.copyOf(properties.keySet())).as(name + " properties").isEqualTo(expected);
    // Views are written with every field present (null included); only the error's param is left
    // out when there is none (@JsonInclude(NON_NULL) on HttpErrors.ErrorBody.Detail).
    List<String> required = new ArrayList<>(expected);
    if (name.equals("ErrorDetail")) {
      required.remove("param");
    }
    assertThat(schema.get("required")).as(name + " required").isEqualTo(required);
    for (JsonField field : fields) {
      Map<String, Object> property = DOC.resolve(properties.get(field.name));
      assertThat(jsonType(property)).as(name + "." + field.name).isEqualTo(field.jsonType);
      if (field.primitive) {
        assertThat(property.get("type"))
            .as(name + "." + field.name + " is never null")
            .isInstanceOf(String.class);
      }
    }
  }

  /** Request schema name to the set of fields its controller accepts (and rejects any other). */
  static Stream<Arguments> requests() {
    return Stream.of(
        Arguments.of("PlaceOrderRequest", "com.oncepay.order.web.OrderController", "FIELDS"),
        Arguments.of("PayRequest", "com.oncepay.payment.web.PaymentController", "PAY_FIELDS"),
        Arguments.of(
            "CaptureRequest", "com.oncepay.payment.web.PaymentController", "AMOUNT_FIELDS"),
        Arguments.of("RefundRequest", "com.oncepay.payment.web.PaymentController", "AMOUNT_FIELDS"),
        Arguments.of("VoidRequest", "com.oncepay.payment.web.PaymentController", "NO_FIELDS"),
        Arguments.of(
            "WebhookEndpointRequest",
            "com.oncepay.merchantevents.WebhookEndpointController",
            "FIELDS"),
        Arguments.of(
            "CreateMerchantRequest", "com.oncepay.operator.OperatorController", "MERCHANT_FIELDS"),
        Arguments.of(
            "IssueApiKeyRequest", "com.oncepay.operator.OperatorController", "ISSUE_FIELDS"),
        Arguments.of(
            "RotateApiKeyRequest", "com.oncepay.operator.OperatorController", "ROTATE_FIELDS"),
        Arguments.of(
            "RevokeApiKeyRequest", "com.oncepay.operator.OperatorController", "NO_FIELDS"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void requestSchemasAcceptExactlyTheControllersFields(
      String name, String controller, String constant) throws Exception {
    Field field = type(controller).getDeclaredField(constant);
    field.setAccessible(true);
    Set<?> accepted = (Set<?>) field.get(null);
    Map<String, Object> schema = DOC.schema(name);

    Object properties = schema.get("properties");
    Set<String> documented =
        properties == null ? Set.of() : new TreeSet<>(asMap(properties).keySet());
    assertThat(documented).as(name).isEqualTo(new TreeSet<>(accepted));
    assertThat(schema.get("additionalProperties"))
        .as(name + " rejects unknown fields, as the server does (parameter_unknown)")
        .isEqualTo(false);
  }

  @Test
  void enumsListTheJavaEnumsValues() {
    assertThat(enumValues("OrderStatus")).isEqualTo(dbNames(OrderStatus.values()));
    assertThat(enumValues("PaymentStatus")).isEqualTo(dbNames(PaymentStatus.values()));
    assertThat(enumValues("CaptureMethod")).isEqualTo(dbNames(CaptureMethod.values()));
    assertThat(enumValues("EventType"))
        .isEqualTo(Arrays.stream(EventType.values()).map(EventType::wireName).toList());
    // A duplicate is answered before anything is stored, so it is not a stored outcome.
    List<String> outcomes = new ArrayList<>(dbNames(GatewayEventOutcome.values()));
    outcomes.add(1, "duplicate");
    assertThat(enumValues("GatewayEventOutcome")).isEqualTo(outcomes);
    assertThat(enumValues("ErrorType"))
        .isEqualTo(Arrays.stream(ErrorCode.values()).map(ErrorCode::type).distinct().toList());
  }

  @Test
  void theErrorObjectsCodeListsEveryErrorCodeInOrder() {
    assertThat(enumValues("ErrorCode"))
        .isEqualTo(Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList());
  }

  /**
   * Each error response names its codes as examples keyed by code. Each must sit under the status
   * {@link HttpErrors#status} gives the code, with the code's type; together the operations name
   * every code but {@code method_not_allowed}, which no route answers for a method it has (the
   * document's description says so).
   */
  @Test
  void everyErrorCodeIsNamedUnderItsStatusByTheOperationsThatAnswerIt() {
    Set<ErrorCode> named = EnumSet.noneOf(ErrorCode.class);
    for (OpenApiDocument.Operation operation : DOC.operations()) {
      DOC.responses(operation)
          .forEach(
              (status, response) ->
                  DOC.examples(response)
                      .forEach(
                          (key, value) -> {
                            Map<String, Object> error = map(value, "error");
                            ErrorCode code = code((String) error.get("code"));
                            String where = operation.name() + " " + status + " " + key;
                            assertThat(key).as(where).isEqualTo(code.code());
                            assertThat(status)
                                .as(where)
                                .isEqualTo(Integer.toString(HttpErrors.status(code)));
                            assertThat(error.get("type")).as(where).isEqualTo(code.type());
                            assertThat((String) error.get("message")).as(where).isNotBlank();
                            if (code.retryable()) {
                              assertThat(headers(response))
                                  .as(where + " carries Retry-After")
                                  .contains("Retry-After");
                            }
                            named.add(code);
                          }));
    }
    Set<ErrorCode> expected = EnumSet.allOf(ErrorCode.class);
    expected.remove(ErrorCode.METHOD_NOT_ALLOWED);
    assertThat(named).isEqualTo(expected);
    assertThat((String) map(DOC.root(), "info").get("description")).contains("method_not_allowed");
  }

  /**
   * The codes every operation must name follow from the server's filters and parsers, which apply
   * by path and method rather than by controller: the API key filter on {@code /v1} except the
   * gateway's webhooks, idempotency keys on those POSTs, body limits and strict JSON on every body,
   * 404 on every id in a path, 500 and 503 everywhere.
   */
  @Test
  void everyOperationNamesTheCodesItsPathAndMethodImply() {
    for (OpenApiDocument.Operation operation : DOC.operations()) {
      Set<String> codes = codes(operation);
      String name = operation.name();
      boolean v1 = operation.path().startsWith("/v1/");
      boolean gatewayWebhook = operation.path().startsWith("/v1/webhooks/");
      boolean authenticated = v1 && !gatewayWebhook;
      boolean operatorApi = operation.path().startsWith("/operator/");

      if (operatorApi) {
        // Its own credential, never a merchant key; wrong ones count against the address.
        assertThat(codes).as(name).contains("unauthorized", "rate_limited", "not_found");
        assertThat(operation.node().get("security"))
            .as(name + " takes the operator credential")
            .isEqualTo(List.of(Map.of("operatorToken", List.of())));
      } else if (authenticated) {
        assertThat(codes).as(name).contains("unauthorized");
        assertThat(operation.node())
            .as(name + " keeps the global security")
            .doesNotContainKey("security");
      } else {
        assertThat(codes).as(name).doesNotContain("unauthorized");
        assertThat(operation.node().get("security"))
            .as(name + " needs no key")
            .isEqualTo(List.of());
      }
      boolean idempotent = authenticated && operation.method().equals("post");
      Map<String, Object> keyHeader =
          DOC.parameters(operation).stream()
              .filter(p -> "header".equals(p.get("in")) && "Idempotency-Key".equals(p.get("name")))
              .findFirst()
              .orElse(null);
      if (idempotent) {
        assertThat(keyHeader).as(name + " Idempotency-Key").isNotNull();
        assertThat(keyHeader.get("required")).as(name).isEqualTo(true);
        assertThat(codes)
            .as(name)
            .contains(
                "idempotency_key_missing",
                "idempotency_key_invalid",
                "idempotency_key_in_use",
                "idempotency_key_reused");
        for (String status : List.of("200", "201", "202")) {
          Map<String, Object> response = DOC.responses(operation).get(status);
          if (response != null) {
            assertThat(headers(response)).as(name + " " + status).contains("Idempotent-Replayed");
          }
        }
      } else {
        assertThat(keyHeader).as(name + " takes no Idempotency-Key").isNull();
        assertThat(codes).as(name).noneMatch(code -> code.startsWith("idempotency_key_"));
      }
      Object body = operation.node().get("requestBody");
      if (body != null) {
        assertThat(codes)
            .as(name)
            .contains("request_too_large", "unsupported_media_type", "invalid_json");
        Map<String, Object> schema =
            DOC.resolve(map(map(map(DOC.resolve(body), "content"), "application/json"), "schema"));
        if (Boolean.FALSE.equals(schema.get("additionalProperties"))) {
          assertThat(codes).as(name).contains("parameter_unknown");
        }
      }
      if (operation.path().contains("Id}")) {
        assertThat(codes).as(name).contains("not_found");
      }
      if (v1 || operatorApi) {
        assertThat(codes).as(name).contains("internal_error", "service_unavailable");
      }
      assertThat(operation.node().get("operationId")).as(name).isNotNull();
    }
  }

  private static Set<String> codes(OpenApiDocument.Operation operation) {
    Set<String> codes = new LinkedHashSet<>();
    DOC.responses(operation).values().forEach(r -> codes.addAll(DOC.examples(r).keySet()));
    return codes;
  }

  private static Set<String> headers(Map<String, Object> response) {
    Object headers = response.get("headers");
    return headers == null ? Set.of() : asMap(headers).keySet();
  }

  private static ErrorCode code(String code) {
    return Arrays.stream(ErrorCode.values())
        .filter(c -> c.code().equals(code))
        .findFirst()
        .orElseThrow(() -> new AssertionError("not an ErrorCode: " + code));
  }

  private static List<String> enumValues(String schema) {
    return ((List<?>) DOC.schema(schema).get("enum")).stream().map(String::valueOf).toList();
  }

  private static List<String> dbNames(DbEnum[] values) {
    return Arrays.stream(values).map(DbEnum::dbName).toList();
  }

  /** A record component as it appears in JSON: its snake_case name and its JSON type. */
  private record JsonField(String name, String jsonType, boolean primitive) {}

  private static List<JsonField> jsonFields(Class<?> view) {
    assertThat(view.isRecord()).as(view + " is a record").isTrue();
    List<JsonField> fields = new ArrayList<>();
    for (RecordComponent component : view.getRecordComponents()) {
      if (annotated(component, JsonUnwrapped.class)) {
        fields.addAll(jsonFields(component.getType()));
      } else {
        fields.add(
            new JsonField(
                SNAKE.of(component.getName()),
                jsonType(component),
                component.getType().isPrimitive()));
      }
    }
    return fields;
  }

  /**
   * Jackson's annotations do not target record components; Java puts them on field and accessor.
   */
  private static boolean annotated(
      RecordComponent component, Class<? extends java.lang.annotation.Annotation> annotation) {
    try {
      return component.getAccessor().isAnnotationPresent(annotation)
          || component
              .getDeclaringRecord()
              .getDeclaredField(component.getName())
              .isAnnotationPresent(annotation);
    } catch (NoSuchFieldException e) {
      throw new AssertionError(e);
    }
  }

  private static String jsonType(RecordComponent component) {
    Class<?> type = component.getType();
    if (annotated(component, JsonRawValue.class)) {
      return "object"; // stored JSON, written as is
    }
    if (type == long.class || type == int.class || type == Integer.class || type == Long.class) {
      return "integer";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "boolean";
    }
    if (type == String.class || type == OffsetDateTime.class) {
      return "string";
    }
    if (List.class.isAssignableFrom(type)) {
      return "array";
    }
    if (type.isRecord()) {
      return "object";
    }
    throw new AssertionError("no JSON type known for " + component);
  }

  /** The schema's JSON type, without "null" (views write every field, null included). */
  private static String jsonType(Map<String, Object> schema) {
    Object type = schema.get("type");
    if (type instanceof List<?> types) {
      List<?> nonNull = types.stream().filter(t -> !"null".equals(t)).toList();
      assertThat(nonNull).hasSize(1);
      return (String) nonNull.getFirst();
    }
    return (String) type;
  }

  private static Class<?> type(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }
}
