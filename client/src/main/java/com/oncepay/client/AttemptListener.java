package com.oncepay.client;

/**
 * Told about every attempt, retries included, for latency and status recording. It runs on the
 * calling thread between attempts, so it must be fast; an exception it throws aborts the call.
 */
@FunctionalInterface
public interface AttemptListener {

  AttemptListener NONE = attempt -> {};

  void onAttempt(Attempt attempt);
}
