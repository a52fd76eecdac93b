package com.oncepay.idempotency;

/**
 * A key-last write found its key already there (a retry, a double click, a reused key). Thrown to
 * roll back the transaction that did the claim without it; never reaches a client, so it carries no
 * stack trace.
 */
public final class KeyTaken extends RuntimeException {

  KeyTaken() {
    super("idempotency key already recorded", null, false, false);
  }
}
