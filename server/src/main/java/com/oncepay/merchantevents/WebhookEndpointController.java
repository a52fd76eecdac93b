package com.oncepay.merchantevents;

import com.oncepay.audit.Actor;
import com.oncepay.audit.AuditLog;
import com.oncepay.config.OncepayProperties;
import com.oncepay.error.ErrorCode;
import com.oncepay.error.OncepayException;
import com.oncepay.merchant.MerchantId;
import com.oncepay.web.ApiKeyAuthFilter;
import com.oncepay.web.RequestBody;
import com.oncepay.web.Responses;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * The merchant's one webhook endpoint. PUT sets it (idempotent by nature, so no Idempotency-Key):
 * the same body twice leaves the same endpoint and the same secret. {@code rotate_secret} issues a
 * new secret; the replaced one keeps signing beside it for {@code oncepay.webhooks.secret-overlap}.
 */
@RestController
class WebhookEndpointController {

  static final String PATH = "/v1/webhook_endpoint";
  private static final Set<String> FIELDS = Set.of("url", "rotate_secret");

  private final WebhookEndpointRepository endpoints;
  private final WebhookTargets targets;
  private final Clock clock;
  private final Duration secretOverlap;
  private final AuditLog audit;

  WebhookEndpointController(
      WebhookEndpointRepository endpoints,
      WebhookTargets targets,
      Clock clock,
      OncepayProperties properties,
      AuditLog audit) {
    this.endpoints = endpoints;
    this.targets = targets;
    this.audit = audit;
    this.clock = clock;
    this.secretOverlap = properties.webhooks().secretOverlap();
  }

  @PutMapping(PATH)
  ResponseEntity<byte[]> put(
      @RequestAttribute(ApiKeyAuthFilter.MERCHANT_ATTRIBUTE) MerchantId merchant,
      @org.springframework.web.bind.annotation.RequestBody(required = false) byte[] body) {
    RequestBody fields = RequestBody.parse(body, FIELDS);
    String url = fields.requiredString("url", WebhookEndpoint.MAX_URL_LENGTH);
    var target = WebhookEndpoint.target(url);
    if (target.isEmpty()) {
      throw new OncepayException(
          ErrorCode.PARAMETER_INVALID,
          "url must be an absolute http or https URL with a host.",
          "url");
    }
    var refusal = targets.refusalToStore(target.get());
    if (refusal.isPresent()) {
      throw new OncepayException(
          ErrorCode.PARAMETER_INVALID, "url is not allowed: " + refusal.get() + ".", "url");
    }
    boolean rotate = fields.optionalBoolean("rotate_secret", false);
    String offered = WebhookEndpoint.newSecret();
    WebhookEndpoint endpoint =
        audit.change(
            Actor.merchant(merchant.value()),
            rotate ? "webhook_endpoint.secret_rotated" : "webhook_endpoint.set",
            "webhook_endpoint",
            merchant.value(),
            () ->
                endpoints.upsert(
                    merchant, url, offered, rotate, OffsetDateTime.now(clock), secretOverlap));
    // The offered secret is in force only when this PUT created the endpoint or rotated it.
    return Responses.ok(WebhookEndpointView.of(endpoint, endpoint.secret().equals(offered)));
  }

  @GetMapping(PATH)
  ResponseEntity<byte[]> get(
      @RequestAttribute(ApiKeyAuthFilter.MERCHANT_ATTRIBUTE) MerchantId merchant) {
    return Responses.ok(
        WebhookEndpointView.of(endpoints.find(merchant).orElseThrow(this::none), false));
  }

  @DeleteMapping(PATH)
  ResponseEntity<byte[]> delete(
      @RequestAttribute(ApiKeyAuthFilter.MERCHANT_ATTRIBUTE) MerchantId merchant) {
    if (!audit.changeIf(
        Actor.merchant(merchant.value()),
        "webhook_endpoint.deleted",
        "webhook_endpoint",
        merchant.value(),
        () -> endpoints.delete(merchant))) {
      throw none();
    }
    return Responses.ok(WebhookEndpointView.deleted());
  }

  private OncepayException none() {
    return new OncepayException(ErrorCode.NOT_FOUND, "No webhook endpoint is set.");
  }
}
