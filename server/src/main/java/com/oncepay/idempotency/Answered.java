package com.oncepay.idempotency;

/**
 * What a request with an idempotency key came to: a fresh result (with the answer rendered and
 * stored for it), or the replay of an earlier request's stored answer.
 */
public sealed interface Answered<R> {

  StoredAnswer answer();

  /** This request ran; {@code answer} is what the key now holds for it. */
  record Fresh<R>(R result, StoredAnswer answer) implements Answered<R> {}

  /** The key's request had already completed: exactly its answer again. */
  record Replayed<R>(StoredAnswer answer) implements Answered<R> {}

  default boolean replayed() {
    return this instanceof Replayed;
  }
}
