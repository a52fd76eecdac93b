package com.oncepay.webhook;

import com.oncepay.config.OncepayProperties;
import com.oncepay.payment.ApplyGatewayCharge;
import com.oncepay.sim.WebhookSignature;
import com.oncepay.web.ApiException;
import com.oncepay.web.ApiResponse;
import com.oncepay.web.ErrorCode;
import com.oncepay.web.Json;
import com.oncepay.web.Responses;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/webhooks/{gateway}}: verifies the signature and timestamp, records the event once
 * ({@code (gateway, event_id)} is the primary key, so a duplicate is a no-op), applies it, and
 * answers fast. The gateway authenticates by signature, not by API key.
 */
@RestController
class GatewayWebhookController {

  private static final Logger log = LoggerFactory.getLogger(GatewayWebhookController.class);
  static final String SIGNATURE_HEADER = "Sim-Signature";
  public static final String METRIC = "oncepay.webhooks.received";

  private final ApplyGatewayCharge applyCharge;
  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final List<String> secrets;
  private final long toleranceSeconds;
  private final MeterRegistry meters;

  GatewayWebhookController(
      ApplyGatewayCharge applyCharge,
      JdbcClient jdbc,
      TransactionTemplate tx,
      Clock clock,
      OncepayProperties properties,
      MeterRegistry meters) {
    this.applyCharge = applyCharge;
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
    this.secrets = properties.gateway().webhookSecrets();
    this.toleranceSeconds = properties.gateway().webhookTolerance().toSeconds();
    this.meters = meters;
  }

  @PostMapping("/v1/webhooks/{gateway}")
  ResponseEntity<byte[]> receive(
      @PathVariable String gateway,
      @RequestHeader(value = SIGNATURE_HEADER, required = false) String signature,
      @org.springframework.web.bind.annotation.RequestBody(required = false) byte[] body) {
    if (!gateway.equals("sim")) {
      throw new ApiException(ErrorCode.NOT_FOUND, "No webhooks are expected from " + gateway);
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    if (signature == null
        || body == null
        || !WebhookSignature.verify(
            signature, body, secrets, now.toEpochSecond(), toleranceSeconds)) {
      count(gateway, "rejected");
      throw new ApiException(
          ErrorCode.WEBHOOK_SIGNATURE_INVALID,
          "The " + SIGNATURE_HEADER + " signature is missing, wrong, or outside the tolerance.",
          SIGNATURE_HEADER);
    }
    JsonNode event = Json.readTree(body);
    String eventId = event.path("id").asString();
    String type = event.path("type").asString();
    JsonNode charge = event.path("data").path("object");
    if (eventId.isEmpty() || type.isEmpty() || !charge.isObject()) {
      throw new ApiException(
          ErrorCode.INVALID_JSON, "Expected an event with id, type and data.object.");
    }
    String outcome =
        tx.execute(
            status -> {
              int inserted =
                  jdbc.sql(
                          """
                          INSERT INTO gateway_events (gateway, event_id, type, charge_id, outcome,
                                                      payload, received_at)
                          VALUES (:gateway, :event, :type, :charge, 'ignored', :payload::jsonb, :now)
                          ON CONFLICT (gateway, event_id) DO NOTHING
                          """)
                      .param("gateway", gateway)
                      .param("event", eventId)
                      .param("type", type)
                      .param("charge", charge.path("id").asString(null))
                      .param("payload", new String(body, java.nio.charset.StandardCharsets.UTF_8))
                      .param("now", now)
                      .update();
              if (inserted == 0) {
                return "duplicate";
              }
              ApplyGatewayCharge.Outcome applied =
                  applyCharge.apply(
                      new ApplyGatewayCharge.ChargeSnapshot(
                          charge.path("id").asString(null),
                          charge.path("reference").asString(""),
                          charge.path("status").asString(""),
                          charge.path("decline_code").asString(null)));
              String name = outcomeName(applied);
              jdbc.sql(
                      "UPDATE gateway_events SET outcome = :outcome, note = :note,"
                          + " payment_id = :payment WHERE gateway = :gateway AND event_id = :event")
                  .param("outcome", name)
                  .param("note", applied.note())
                  .param("payment", paymentUuid(charge.path("reference").asString("")))
                  .param("gateway", gateway)
                  .param("event", eventId)
                  .update();
              if (applied instanceof ApplyGatewayCharge.Outcome.Flagged flagged) {
                log.warn("gateway event {} contradicts our state: {}", eventId, flagged.note());
              }
              return name;
            });
    count(gateway, outcome);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("received", true);
    answer.put("outcome", outcome);
    return Responses.of(new ApiResponse(200, Json.write(answer)));
  }

  private static String outcomeName(ApplyGatewayCharge.Outcome outcome) {
    return switch (outcome) {
      case ApplyGatewayCharge.Outcome.Applied a -> "applied";
      case ApplyGatewayCharge.Outcome.Stale s -> "stale";
      case ApplyGatewayCharge.Outcome.Ignored i -> "ignored";
      case ApplyGatewayCharge.Outcome.Flagged f -> "flagged";
    };
  }

  private static java.util.UUID paymentUuid(String reference) {
    return com.oncepay.payment.PaymentId.parse(reference).map(id -> id.value()).orElse(null);
  }

  private void count(String gateway, String outcome) {
    Counter.builder(METRIC)
        .tag("gateway", gateway)
        .tag("outcome", outcome)
        .register(meters)
        .increment();
  }
}
