package com.oncepay.outbox;

import com.oncepay.persistence.DbEnum;

/** Where a queued job is in its life; the {@code outbox.status} column. */
public enum JobStatus implements DbEnum {
  READY,
  CLAIMED,
  DONE,
  /** Used up its attempts, or can never succeed: kept for operators, never run again. */
  DEAD
}
