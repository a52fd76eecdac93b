package com.oncepay.idempotency;

/**
 * Turns a use case's result into the answer stored with its idempotency key. Implemented at the web
 * edge; called by the use case inside the transaction that makes the change, so the stored answer
 * commits with the change or not at all. Must be deterministic: a replay is these exact bytes.
 */
@FunctionalInterface
public interface AnswerRenderer<R> {

  StoredAnswer render(R result);
}
