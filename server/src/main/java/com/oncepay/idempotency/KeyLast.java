package com.oncepay.idempotency;

import com.oncepay.error.OncepayException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a request's claim with its idempotency key written last, and falls back to the key-first
 * claim when the key turns out to exist.
 *
 * <p>Most requests carry a fresh key, so the fast path does the business claim and then inserts the
 * key already holding what the claim decided ({@link IdempotencyStore#insertAnswered}, {@link
 * IdempotencyStore#insertWithOperation}): one statement for the key instead of an insert and an
 * update. It is as safe as the key-first order because everything is one transaction: a concurrent
 * request with the same key waits on the key's unique index until this one commits, then finds the
 * key ({@link KeyTaken}), rolls back all it did and takes the key-first path, which answers exactly
 * as before (the stored answer, in use, or reused). A refusal raised before the key is written
 * (busy, not found) is checked the same way, so a retry of a running request still hears that its
 * key is in use rather than why the claim failed.
 */
public final class KeyLast {

  private KeyLast() {}

  public static <T> T run(
      TransactionTemplate tx,
      IdempotencyStore keys,
      IdempotentRequest request,
      TransactionCallback<T> keyLast,
      TransactionCallback<T> keyFirst) {
    try {
      return tx.execute(
          status -> {
            try {
              return keyLast.doInTransaction(status);
            } catch (OncepayException refused) {
              // Asked on the same connection, before the rollback: under load (a hot order's
              // losers) a second pooled connection per refusal is what runs out first.
              if (keyExists(keys, request)) {
                throw new KeyTaken();
              }
              throw refused;
            }
          });
    } catch (KeyTaken taken) {
      return tx.execute(keyFirst);
    }
  }

  /** False when the question cannot be asked (the transaction failed): the refusal stands. */
  private static boolean keyExists(IdempotencyStore keys, IdempotentRequest request) {
    try {
      return keys.exists(request);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
