package com.oncepay.gateway.sim;

import com.oncepay.gateway.GatewayResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place that maps the simulator's answers to our outcomes. A status code alone never makes
 * a failure: only answers that say the gateway did not act are {@link GatewayResult.Declined};
 * anything ambiguous is {@link GatewayResult.Unknown}. Both the answers to our calls and the
 * charges in the simulator's webhooks are read here.
 */
final class SimResponseConverter {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private SimResponseConverter() {}

  /**
   * The outcome of a charge's authorization, read from the charge as the gateway holds it (a
   * lookup's answer, or a webhook's {@code data.object}).
   */
  static GatewayResult chargeState(JsonNode charge) {
    String id = charge.path("id").asString(null);
    return switch (charge.path("status").asString("")) {
      case "pending" -> new GatewayResult.Pending(id);
      case "declined" ->
          new GatewayResult.Declined(charge.path("decline_code").asString("card_declined"), id);
      case "authorized", "voided" -> new GatewayResult.Approved(id, false);
      case "captured", "refunded", "partially_refunded" -> new GatewayResult.Approved(id, true);
      default -> new GatewayResult.Unknown("unfamiliar charge status " + charge.path("status"));
    };
  }

  static GatewayResult convert(int status, byte[] body, SimGatewayAdapter.Kind kind) {
    if (status >= 500 || status == 429 || status == 408) {
      return new GatewayResult.Unknown("gateway answered " + status);
    }
    JsonNode node = JSON.readTree(body);
    if (kind == SimGatewayAdapter.Kind.CHARGE_STATE && status == 200) {
      return chargeState(node);
    }
    if (status == 200 || status == 201) {
      String id = node.path("id").asString();
      if (id.isEmpty()) {
        return new GatewayResult.Unknown("success without an id");
      }
      boolean captured =
          kind == SimGatewayAdapter.Kind.CHARGE
              && "captured".equals(node.path("status").asString());
      return new GatewayResult.Approved(id, captured);
    }
    if (status == 202) {
      return new GatewayResult.Pending(node.path("id").asString());
    }
    if (status == 402) {
      String code = node.path("decline_code").asString("card_declined");
      return new GatewayResult.Declined(code, node.path("id").asString(null));
    }
    String code = node.path("error").path("code").asString("gateway_error");
    if (code.startsWith("idempotency_key")) {
      // Our key was seen with another request: a bug on our side, not a decision about money.
      return new GatewayResult.Unknown("gateway refused our idempotency key: " + code);
    }
    if (kind == SimGatewayAdapter.Kind.CHARGE_STATE) {
      // The charge cannot be read: that says nothing about whether it happened.
      return new GatewayResult.Unknown("charge lookup answered " + status + " " + code);
    }
    // 400, 404, 409, 422: the gateway looked at the request and did not act on it.
    return new GatewayResult.Declined(code, null);
  }
}
