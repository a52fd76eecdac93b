package com.oncepay.merchantevents;

import com.oncepay.merchant.MerchantId;
import java.time.OffsetDateTime;

/**
 * A row of {@code domain_events}: what happened, to which object, and the object's API view at that
 * moment ({@code payloadJson}, kept as the stored JSON text).
 */
record StoredEvent(
    EventId id,
    MerchantId merchant,
    String type,
    String objectId,
    String payloadJson,
    OffsetDateTime createdAt) {}
