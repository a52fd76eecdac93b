package com.oncepay.lab.check;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the service's and the simulator's JSON into the checker's snapshots. Tolerant on purpose: a
 * missing field reads as null or 0, because the lab must report a broken answer, not crash on it.
 */
public final class ApiJson {

  public static final JsonMapper MAPPER = JsonMapper.builder().build();

  private ApiJson() {}

  /** The parsed body, or null when it is empty or not JSON. */
  public static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      return MAPPER.readTree(body);
    } catch (JacksonException e) {
      return null;
    }
  }

  public static String text(JsonNode node, String field) {
    if (node == null) {
      return null;
    }
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  public static long number(JsonNode node, String field) {
    if (node == null) {
      return 0;
    }
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? 0 : value.asLong();
  }

  /** {@code error.code} of an error answer, or null. */
  public static String errorCode(JsonNode body) {
    return body == null ? null : text(body.get("error"), "code");
  }

  /** {@code error.param} of an error answer, or null. */
  public static String errorParam(JsonNode body) {
    return body == null ? null : text(body.get("error"), "param");
  }

  public static PaymentSnapshot payment(JsonNode n, String seenIn) {
    return new PaymentSnapshot(
        text(n, "id"),
        text(n, "order_id"),
        String.valueOf(text(n, "status")),
        number(n, "amount"),
        text(n, "currency"),
        number(n, "amount_authorized"),
        number(n, "amount_captured"),
        number(n, "amount_refunded"),
        number(n, "amount_refund_pending"),
        text(n, "payment_method"),
        text(n, "capture_method"),
        text(n, "pending_operation"),
        text(n, "gateway_charge_id"),
        number(n, "version"),
        seenIn);
  }

  public static OrderSnapshot order(JsonNode n, String seenIn) {
    List<PaymentSnapshot> payments = new ArrayList<>();
    JsonNode list = n.get("payments");
    if (list != null && list.isArray()) {
      for (JsonNode p : list) {
        payments.add(payment(p, seenIn));
      }
    }
    return new OrderSnapshot(
        text(n, "id"),
        text(n, "cart_id"),
        number(n, "amount"),
        text(n, "currency"),
        String.valueOf(text(n, "status")),
        number(n, "version"),
        payments);
  }

  public static RefundSnapshot refund(JsonNode n) {
    return new RefundSnapshot(
        text(n, "id"),
        text(n, "payment_id"),
        number(n, "amount"),
        String.valueOf(text(n, "status")));
  }

  /** {@code GET /v1/payments/{id}/refunds}: {@code {"object":"list","data":[…]}}. */
  public static List<RefundSnapshot> refunds(JsonNode n) {
    List<RefundSnapshot> refunds = new ArrayList<>();
    JsonNode data = n == null ? null : n.get("data");
    if (data != null && data.isArray()) {
      for (JsonNode r : data) {
        refunds.add(refund(r));
      }
    }
    return refunds;
  }

  /** {@code GET /sim/ledger}: {@code {"charges":[…]}}. */
  public static List<LedgerCharge> ledger(JsonNode n) {
    List<LedgerCharge> charges = new ArrayList<>();
    JsonNode list = n == null ? null : n.get("charges");
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException("not a gateway ledger: no \"charges\" array");
    }
    for (JsonNode c : list) {
      List<LedgerCharge.Refund> refunds = new ArrayList<>();
      JsonNode rs = c.get("refunds");
      if (rs != null && rs.isArray()) {
        for (JsonNode r : rs) {
          refunds.add(
              new LedgerCharge.Refund(
                  text(r, "id"), number(r, "amount"), text(r, "idempotency_key")));
        }
      }
      charges.add(
          new LedgerCharge(
              text(c, "id"),
              text(c, "reference"),
              text(c, "order_reference"),
              number(c, "amount"),
              text(c, "currency"),
              text(c, "payment_method"),
              String.valueOf(text(c, "status")),
              number(c, "amount_captured"),
              number(c, "amount_refunded"),
              text(c, "idempotency_key"),
              refunds));
    }
    return charges;
  }
}
