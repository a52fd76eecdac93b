package com.oncepay.audit;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * One change, as recorded.
 *
 * @param action what was done, {@code <object>.<verb>}: {@code merchant.created}, {@code
 *     api_key.issued}, {@code api_key.rotated}, {@code api_key.revoked}, {@code
 *     webhook_endpoint.set}, {@code webhook_endpoint.deleted}
 * @param details facts of the change that are not secrets (an expiry, a replacement's id)
 */
public record AuditEntry(
    long id,
    OffsetDateTime occurredAt,
    Actor actor,
    String action,
    String targetType,
    String targetId,
    UUID merchantId,
    String requestId,
    Map<String, Object> details) {}
