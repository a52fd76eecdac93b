package com.oncepay.gateway.sim;

import com.oncepay.gateway.GatewayEvent;
import com.oncepay.gateway.GatewayWebhooks;
import com.oncepay.signing.TimestampedSignature;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The simulator's signed webhooks ({@code Sim-Signature: t=…,v1=…}): checked against the configured
 * secrets within the tolerance, then read into a {@link GatewayEvent} by the adapter's converter.
 */
final class SimWebhooks implements GatewayWebhooks {

  static final String SIGNATURE_HEADER = "Sim-Signature";

  private final List<String> secrets;
  private final long toleranceSeconds;

  SimWebhooks(List<String> secrets, long toleranceSeconds) {
    this.secrets = List.copyOf(secrets);
    this.toleranceSeconds = toleranceSeconds;
  }

  @Override
  public String gateway() {
    return "sim";
  }

  @Override
  public String signatureHeader() {
    return SIGNATURE_HEADER;
  }

  @Override
  public Verification verify(Function<String, String> headers, byte[] body, Instant now) {
    String signature = headers.apply(SIGNATURE_HEADER);
    if (signature == null
        || body == null
        || !TimestampedSignature.verify(
            signature, body, secrets, now.getEpochSecond(), toleranceSeconds)) {
      return new Verification.BadSignature();
    }
    JsonNode event;
    try {
      event = SimResponseConverter.JSON.readTree(body);
    } catch (JacksonException e) {
      return new Verification.Unreadable("not JSON: " + e.getOriginalMessage());
    }
    String eventId = event.path("id").asString("");
    String type = event.path("type").asString("");
    JsonNode charge = event.path("data").path("object");
    if (eventId.isEmpty() || type.isEmpty() || !charge.isObject()) {
      return new Verification.Unreadable("Expected an event with id, type and data.object.");
    }
    return new Verification.Valid(
        new GatewayEvent(
            gateway(),
            eventId,
            type,
            charge.path("id").asString(null),
            charge.path("reference").asString(""),
            charge.path("status").asString(""),
            SimResponseConverter.chargeState(charge)));
  }
}
