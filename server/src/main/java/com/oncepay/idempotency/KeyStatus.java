package com.oncepay.idempotency;

import com.oncepay.persistence.DbEnum;

/** An idempotency key's state; the {@code idempotency_keys.status} column. */
public enum KeyStatus implements DbEnum {
  /** Its request is running (or crashed; a retry takes it over once the lease runs out). */
  IN_PROGRESS,
  /** Its answer is stored; every repeat replays it. */
  COMPLETED;
}
