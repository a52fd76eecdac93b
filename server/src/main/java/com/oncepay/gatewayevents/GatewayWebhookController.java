package com.oncepay.gatewayevents;

import com.oncepay.error.ErrorCode;
import com.oncepay.error.OncepayException;
import com.oncepay.gateway.GatewayEvent;
import com.oncepay.gateway.GatewayWebhooks;
import com.oncepay.gateway.GatewayWebhooks.Verification;
import com.oncepay.logging.LogContext;
import com.oncepay.payment.application.ApplyGatewayCharge;
import com.oncepay.payment.model.PaymentId;
import com.oncepay.web.RequestBody;
import com.oncepay.web.Responses;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/webhooks/{gateway}}: the gateway's adapter verifies the signature and reads the
 * event; the event is recorded once (a duplicate is a no-op), applied, and answered fast. The
 * gateway authenticates by signature, not by API key.
 */
@RestController
class GatewayWebhookController {

  private static final Logger log = LoggerFactory.getLogger(GatewayWebhookController.class);
  public static final String METRIC = "oncepay.webhooks.received";

  private final Map<String, GatewayWebhooks> adapters;
  private final ApplyGatewayCharge applyCharge;
  private final GatewayEventRepository received;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final MeterRegistry meters;

  GatewayWebhookController(
      List<GatewayWebhooks> adapters,
      ApplyGatewayCharge applyCharge,
      GatewayEventRepository received,
      TransactionTemplate tx,
      Clock clock,
      MeterRegistry meters) {
    this.adapters =
        adapters.stream().collect(Collectors.toMap(GatewayWebhooks::gateway, Function.identity()));
    this.applyCharge = applyCharge;
    this.received = received;
    this.tx = tx;
    this.clock = clock;
    this.meters = meters;
  }

  @PostMapping("/v1/webhooks/{gateway}")
  ResponseEntity<byte[]> receive(
      @PathVariable String gateway,
      @org.springframework.web.bind.annotation.RequestBody(required = false) byte[] body,
      HttpServletRequest http) {
    GatewayWebhooks adapter = adapters.get(gateway);
    if (adapter == null) {
      throw new OncepayException(ErrorCode.NOT_FOUND, "No webhooks are expected from " + gateway);
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    GatewayEvent event =
        switch (adapter.verify(http::getHeader, body, now.toInstant())) {
          case Verification.Valid valid -> valid.event();
          case Verification.BadSignature bad -> {
            count(gateway, "rejected");
            throw new OncepayException(
                ErrorCode.WEBHOOK_SIGNATURE_INVALID,
                "The "
                    + adapter.signatureHeader()
                    + " signature is missing, wrong, or outside the tolerance.",
                adapter.signatureHeader());
          }
          case Verification.Unreadable unreadable ->
              throw new OncepayException(ErrorCode.INVALID_JSON, unreadable.reason());
        };
    if (!RequestBody.storableDocument(body)) {
      // Signed or not, a NUL or an unpaired surrogate cannot be kept as the gateway sent it.
      throw new OncepayException(
          ErrorCode.PARAMETER_INVALID,
          "The event contains NUL characters or unpaired surrogates.",
          "body");
    }
    // The payment the gateway's event is about, for the request's log lines.
    PaymentId.parse(event.reference()).ifPresent(p -> LogContext.put(LogContext.PAYMENT_ID, p));
    GatewayEventOutcome outcome = tx.execute(status -> record(event, body, now));
    String name = outcome == null ? "duplicate" : outcome.dbName();
    count(gateway, name);
    return Responses.ok(new Received(true, name));
  }

  /** In one transaction with the insert: null when the event is a duplicate. */
  private GatewayEventOutcome record(GatewayEvent event, byte[] body, OffsetDateTime now) {
    if (!received.insertIfNew(event, body, now)) {
      return null;
    }
    ApplyGatewayCharge.Outcome applied = applyCharge.apply(event);
    GatewayEventOutcome outcome = GatewayEventOutcome.of(applied);
    received.recordOutcome(
        event,
        outcome,
        applied.note(),
        PaymentId.parse(event.reference()).map(PaymentId::value).orElse(null));
    if (outcome == GatewayEventOutcome.FLAGGED) {
      log.warn("gateway event {} contradicts our state: {}", event.eventId(), applied.note());
    }
    return outcome;
  }

  private void count(String gateway, String outcome) {
    Counter.builder(METRIC)
        .tag("gateway", gateway.toLowerCase(Locale.ROOT))
        .tag("outcome", outcome)
        .register(meters)
        .increment();
  }

  record Received(boolean received, String outcome) {}
}
