package com.oncepay.idempotency;

/** What happens to an idempotency key after its first request claimed it. */
public enum KeyEvent {
  /** The request records the gateway operation it started, so a retry resumes that one. */
  OPERATION_ATTACHED,
  /** A retry takes over a key whose request held it past its lease (it crashed). */
  TAKEN_OVER,
  /** The request's answer is stored. */
  COMPLETED,
  /** The key was used again after its retention: it starts afresh for the new request. */
  RESTARTED
}
