package com.oncepay.outbox;

import com.oncepay.persistence.DbEnum;

/** Where a queued job is in its life; the {@code outbox.status} column. */
public enum JobStatus implements DbEnum {
  READY,
  /**
   * ONCEPAY_QUEUE=rabbitmq: a relay took it and is publishing it; published once the broker
   * confirms. A consumer may already run it (the message can arrive before the confirm does).
   */
  PUBLISHING,
  /** ONCEPAY_QUEUE=rabbitmq: the broker confirmed the message; waiting for a consumer. */
  PUBLISHED,
  CLAIMED,
  DONE,
  /** Used up its attempts, or can never succeed: kept for operators, never run again. */
  DEAD
}
