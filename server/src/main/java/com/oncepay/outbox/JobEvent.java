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
  RELEASED,
  /** A relay takes a ready job that is due, to publish it to RabbitMQ. */
  RELAYED,
  /**
   * A relay takes a job again whose lease ran out in the broker's hands: its relay died before the
   * confirm, its message was confirmed but never taken for too long (the safety net), or the
   * consumer that took it died. Publishing it again is harmless: a duplicate message finds the job
   * taken or finished and is dropped.
   */
  REPUBLISHED,
  /** The broker confirmed the relay's publish. */
  CONFIRMED,
  /** The broker refused or did not confirm the publish in time: ready again, still due. */
  UNCONFIRMED,
  /** A consumer takes the job of the message it received. */
  DELIVERED,
  /** The broker dead-lettered its message (the queue's delivery limit): kept for operators. */
  DEAD_LETTERED
}
