package com.oncepay.operator;

import com.oncepay.audit.Actor;
import com.oncepay.audit.AuditEntry;
import com.oncepay.audit.AuditLog;
import com.oncepay.error.ErrorCode;
import com.oncepay.error.OncepayException;
import com.oncepay.ids.PrefixedIds;
import com.oncepay.merchant.ApiKeyId;
import com.oncepay.merchant.CreateMerchant;
import com.oncepay.merchant.IssueApiKey;
import com.oncepay.merchant.MerchantId;
import com.oncepay.merchant.MerchantRepository;
import com.oncepay.merchant.RevokeApiKey;
import com.oncepay.merchant.RotateApiKey;
import com.oncepay.operator.OperatorViews.ApiKeyList;
import com.oncepay.operator.OperatorViews.ApiKeyView;
import com.oncepay.operator.OperatorViews.AuditEntryView;
import com.oncepay.operator.OperatorViews.AuditLogPage;
import com.oncepay.operator.OperatorViews.CreatedApiKey;
import com.oncepay.operator.OperatorViews.MerchantView;
import com.oncepay.operator.OperatorViews.Rotation;
import com.oncepay.web.Json;
import com.oncepay.web.RequestBody;
import com.oncepay.web.Responses;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator API (docs/operator-api.md): merchants, their API keys, and the audit log. Every
 * handler takes {@link OperatorAuthFilter#OPERATOR_ATTRIBUTE}, so a request the filter did not open
 * is refused here too. No Idempotency-Key: creating a merchant twice makes two merchants, and every
 * other call is idempotent by nature or refuses its repetition (a key rotates once).
 */
@RestController
class OperatorController {

  static final String BASE = "/operator/v1";
  private static final Set<String> MERCHANT_FIELDS = Set.of("name");
  private static final Set<String> ISSUE_FIELDS = Set.of("expires_in_seconds");
  private static final Set<String> ROTATE_FIELDS = Set.of("overlap_seconds");
  private static final Set<String> NO_FIELDS = Set.of();
  static final int MAX_NAME_LENGTH = 200;
  static final int MAX_PAGE = 500;
  static final Duration MAX_KEY_LIFETIME = Duration.ofDays(3650);

  private final MerchantRepository merchants;
  private final CreateMerchant createMerchant;
  private final IssueApiKey issueKey;
  private final RotateApiKey rotateKey;
  private final RevokeApiKey revokeKey;
  private final AuditLog audit;
  private final Clock clock;

  OperatorController(
      MerchantRepository merchants,
      CreateMerchant createMerchant,
      IssueApiKey issueKey,
      RotateApiKey rotateKey,
      RevokeApiKey revokeKey,
      AuditLog audit,
      Clock clock) {
    this.merchants = merchants;
    this.createMerchant = createMerchant;
    this.issueKey = issueKey;
    this.rotateKey = rotateKey;
    this.revokeKey = revokeKey;
    this.audit = audit;
    this.clock = clock;
  }

  @PostMapping(BASE + "/merchants")
  ResponseEntity<byte[]> createMerchant(
      @RequestAttribute(OperatorAuthFilter.OPERATOR_ATTRIBUTE) Boolean operator,
      @org.springframework.web.bind.annotation.RequestBody(required = false) byte[] body) {
    RequestBody fields = RequestBody.parse(body, MERCHANT_FIELDS);
    String name = fields.requiredString("name", MAX_NAME_LENGTH);
    return created(MerchantView.of(createMerchant.create(Actor.OPERATOR, name)));
  }

  @GetMapping(BASE + "/merchants/{merchantId}")
  ResponseEntity<byte[]> merchant(
      @RequestAttribute(OperatorAuthFilter.OPERATOR_ATTRIBUTE) Boolean operator,
      @PathVariable String merchantId) {
    MerchantId id = merchantIdOf(merchantId);
    return Responses.ok(
        MerchantView.of(merchants.findMerchant(id).orElseThrow(() -> notFound("merchant"))));
  }

  @PostMapping(BASE + "/merchants/{merchantId}/api_keys")
  ResponseEntity<byte[]> issue(
      @RequestAttribute(OperatorAuthFilter.OPERATOR_ATTRIBUTE) Boolean operator,
      @PathVariable String merchantId,
      @org.springframework.web.bind.annotation.RequestBody(required = false) byte[] body) {
    MerchantId id = merchantIdOf(merchantId);
    RequestBody fields = RequestBody.parseOptional(body, ISSUE_FIELDS);
    Duration expiresIn =
        seconds(fields, "expires_in_seconds", Duration.ofSeconds(1), MAX_KEY_LIFETIME, null);
    var issued =
        issueKey.issue(Actor.OPERATOR, id, expiresIn).orElseThrow(() -> notFound("merchant"));
    return created(CreatedApiKey.of(issued, clock.instant()));
  }

  @GetMapping(BASE + "/merchants/{merchantId}/api_keys")
  ResponseEntity<byte[]> keys(
      @RequestAttribute(OperatorAuthFilter.OPERATOR_ATTRIBUTE) Boolean operator,
      @PathVariable String merchantId) {
    MerchantId id = merchantIdOf(merchantId);
    if (merchants.findMerchant(id).isEmpty()) {
      throw notFound("merchant");
    }
    var now = clock.instant();
    List<ApiKeyView> keys = merchants.keys(id).stream().map(k -> ApiKeyView.of(k, now)).toList();
    return Responses.ok(new ApiKeyList("list", keys));
  }

  @PostMapping(BASE + "/merchants/{merchantId}/api_keys/{keyId}/rotate")
  ResponseEntity<byte[]> rotate(
      @RequestAttribute(OperatorAuthFilter.OPERATOR_ATTRIBUTE) Boolean operator,
      @PathVariable String merchantId,
      @PathVariable String keyId,
      @org.springframework.web.bind.annotation.RequestBody(required = false) byte[] body) {
    MerchantId merchant = merchantIdOf(merchantId);
    ApiKeyId key = keyIdOf(keyId);
    RequestBody fields = RequestBody.parseOptional(body, ROTATE_FIELDS);
    Duration overlap =
        seconds(
            fields,
            "overlap_seconds",
            Duration.ZERO,
            RotateApiKey.MAX_OVERLAP,
            RotateApiKey.DEFAULT_OVERLAP);
    var now = clock.instant();
    return switch (rotateKey.rotate(Actor.OPERATOR, merchant, key, overlap)) {
      case RotateApiKey.Result.Rotated r ->
          created(
              new Rotation(
                  "api_key_rotation",
                  CreatedApiKey.of(r.replacement(), now),
                  ApiKeyView.of(r.replaced(), now)));
      case RotateApiKey.Result.NotFound _ -> throw notFound("API key");
      case RotateApiKey.Result.NotActive n ->
          throw new OncepayException(
              ErrorCode.INVALID_STATE,
              "Only a working key that was not rotated before can be rotated; this one is "
                  + (n.key().replacedBy() != null
                      ? "rotated already"
                      : n.key().status(now).name().toLowerCase(java.util.Locale.ROOT))
                  + ".");
    };
  }

  @PostMapping(BASE + "/merchants/{merchantId}/api_keys/{keyId}/revoke")
  ResponseEntity<byte[]> revoke(
      @RequestAttribute(OperatorAuthFilter.OPERATOR_ATTRIBUTE) Boolean operator,
      @PathVariable String merchantId,
      @PathVariable String keyId,
      @org.springframework.web.bind.annotation.RequestBody(required = false) byte[] body) {
    MerchantId merchant = merchantIdOf(merchantId);
    ApiKeyId key = keyIdOf(keyId);
    RequestBody.parseOptional(body, NO_FIELDS);
    var revoked =
        revokeKey.revoke(Actor.OPERATOR, merchant, key).orElseThrow(() -> notFound("API key"));
    return Responses.ok(ApiKeyView.of(revoked, clock.instant()));
  }

  @GetMapping(BASE + "/audit_log")
  ResponseEntity<byte[]> auditLog(
      @RequestAttribute(OperatorAuthFilter.OPERATOR_ATTRIBUTE) Boolean operator,
      @RequestParam(name = "merchant_id", required = false) String merchantId,
      @RequestParam(name = "after", required = false) String after,
      @RequestParam(name = "limit", required = false) String limit) {
    UUID merchant = merchantId == null ? null : merchantIdOf(merchantId).value();
    long afterId = integer(after, "after", 0, Long.MAX_VALUE, 0);
    int pageSize = (int) integer(limit, "limit", 1, MAX_PAGE, 100);
    List<AuditEntry> entries = audit.list(merchant, afterId, pageSize + 1);
    boolean more = entries.size() > pageSize;
    List<AuditEntryView> page = entries.stream().limit(pageSize).map(AuditEntryView::of).toList();
    return Responses.ok(new AuditLogPage("list", page, more));
  }

  private static ResponseEntity<byte[]> created(Object view) {
    return ResponseEntity.status(HttpStatus.CREATED)
        .contentType(MediaType.APPLICATION_JSON)
        .body(Json.write(view));
  }

  private static MerchantId merchantIdOf(String text) {
    return PrefixedIds.parse(OperatorViews.MERCHANT_PREFIX, text)
        .map(MerchantId::new)
        .orElseThrow(() -> notFound("merchant"));
  }

  private static ApiKeyId keyIdOf(String text) {
    return PrefixedIds.parse(OperatorViews.KEY_PREFIX, text)
        .map(ApiKeyId::new)
        .orElseThrow(() -> notFound("API key"));
  }

  private static OncepayException notFound(String what) {
    return new OncepayException(ErrorCode.NOT_FOUND, "No such " + what + ".");
  }

  private static Duration seconds(
      RequestBody fields, String field, Duration min, Duration max, Duration absent) {
    Long value = fields.optionalInteger(field, min.toSeconds(), max.toSeconds());
    return value == null ? absent : Duration.ofSeconds(value);
  }

  private static long integer(String text, String param, long min, long max, long absent) {
    if (text == null) {
      return absent;
    }
    try {
      long value = Long.parseLong(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new OncepayException(
        ErrorCode.PARAMETER_INVALID,
        param + " must be an integer from " + min + " to " + max + ".",
        param);
  }
}
