package com.oncepay.outbox;

/** How running a job ended. Expected outcomes, not exceptions. */
public sealed interface JobOutcome {

  /** Finished; the job is done. */
  record Done() implements JobOutcome {}

  /** Not finished yet (gateway outcome unknown, endpoint down): try again after a backoff. */
  record RetryLater(String reason) implements JobOutcome {}

  /** Can never succeed (the thing it refers to is gone): dead-letter it now. */
  record GiveUp(String reason) implements JobOutcome {}

  static JobOutcome done() {
    return new Done();
  }
}
