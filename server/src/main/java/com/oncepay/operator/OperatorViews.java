package com.oncepay.operator;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.oncepay.audit.AuditEntry;
import com.oncepay.merchant.ApiKey;
import com.oncepay.merchant.IssuedKey;
import com.oncepay.merchant.Merchant;
import com.oncepay.web.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The operator API's JSON objects. A key's text appears in {@link CreatedApiKey} only. */
final class OperatorViews {

  static final String MERCHANT_PREFIX = "mer_";
  static final String KEY_PREFIX = "key_";

  private OperatorViews() {}

  record MerchantView(String id, String object, String name, OffsetDateTime createdAt) {
    static MerchantView of(Merchant m) {
      return new MerchantView(
          MERCHANT_PREFIX + m.id().value(), "merchant", m.name(), m.createdAt());
    }
  }

  /** A key as listed: never the key, only its first characters. */
  record ApiKeyView(
      String id,
      String object,
      String merchantId,
      String prefix,
      String status,
      String origin,
      OffsetDateTime createdAt,
      OffsetDateTime expiresAt,
      OffsetDateTime revokedAt,
      String replacedBy) {
    static ApiKeyView of(ApiKey k, Instant now) {
      return new ApiKeyView(
          KEY_PREFIX + k.id().value(),
          "api_key",
          MERCHANT_PREFIX + k.merchant().value(),
          k.prefix(),
          k.status(now).name().toLowerCase(Locale.ROOT),
          k.origin().name().toLowerCase(Locale.ROOT),
          k.createdAt(),
          k.expiresAt(),
          k.revokedAt(),
          k.replacedBy() == null ? null : KEY_PREFIX + k.replacedBy().value());
    }
  }

  /** The answer to issuing a key: the only place its text is ever shown. */
  record CreatedApiKey(@JsonUnwrapped ApiKeyView apiKey, String key) {
    static CreatedApiKey of(IssuedKey issued, Instant now) {
      return new CreatedApiKey(ApiKeyView.of(issued.stored(), now), issued.secret());
    }
  }

  record ApiKeyList(String object, List<ApiKeyView> data) {}

  record Rotation(String object, CreatedApiKey apiKey, ApiKeyView replaced) {}

  record AuditEntryView(
      long id,
      String object,
      OffsetDateTime occurredAt,
      String actor,
      String action,
      String targetType,
      String targetId,
      String merchantId,
      String requestId,
      @JsonRawValue String details) {
    static AuditEntryView of(AuditEntry e) {
      String prefix = e.targetType().equals("api_key") ? KEY_PREFIX : MERCHANT_PREFIX;
      return new AuditEntryView(
          e.id(),
          "audit_entry",
          e.occurredAt(),
          e.actor().name(),
          e.action(),
          e.targetType(),
          prefix + e.targetId(),
          e.merchantId() == null ? null : MERCHANT_PREFIX + e.merchantId(),
          e.requestId(),
          new String(Json.write(e.details()), StandardCharsets.UTF_8));
    }
  }

  record AuditLogPage(String object, List<AuditEntryView> data, boolean hasMore) {}

  static String merchantId(UUID id) {
    return MERCHANT_PREFIX + id;
  }
}
