package com.oncepay.idempotency;

import java.util.UUID;

/** What claiming an idempotency key decided. Conflicts are thrown as errors instead. */
public sealed interface Claim {

  /** The key is new (or its earlier record expired): run the request. */
  record Started(UUID recordId) implements Claim {}

  /**
   * The key's first request crashed after starting a gateway operation: finish that operation (same
   * gateway key, so never a second charge) rather than starting anew.
   */
  record Resume(UUID recordId, UUID operationId) implements Claim {}

  /** The key's request completed: answer exactly what it answered. */
  record Replay(StoredAnswer answer) implements Claim {}
}
