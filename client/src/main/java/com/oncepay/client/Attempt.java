package com.oncepay.client;

/**
 * One HTTP attempt of a call, reported to the {@link AttemptListener} after it ends.
 *
 * @param idempotencyKey the key sent, the same on every attempt of one call; null on GET
 * @param attemptNumber 1 for the first try, 2 for the first retry, …
 * @param status the HTTP status, or -1 when no answer came (connection error, timeout)
 * @param startNanos {@link System#nanoTime()} when the attempt started
 * @param durationNanos how long the attempt took, without the backoff before it
 * @param error the I/O failure when {@code status} is -1, else null
 */
public record Attempt(
    String method,
    String path,
    String idempotencyKey,
    int attemptNumber,
    int status,
    long startNanos,
    long durationNanos,
    Throwable error) {}
