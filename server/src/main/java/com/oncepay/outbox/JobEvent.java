package com.oncepay.outbox;

/** What happens to a queued job. */
public enum JobEvent {
  /** A worker takes a ready job that is due. */
  CLAIMED,
  /** Another worker takes over a claim whose lease ran out (its holder died or hung). */
  TAKEN_OVER,
  /** The worker holding it extends its lease. */
  HEARTBEAT,
  COMPLETED,
  /** Not finished yet: back to ready, due after a backoff. */
  RETRIED,
  BURIED,
  /** Handed back at shutdown, so another instance runs it without waiting for the lease. */
  RELEASED
}
