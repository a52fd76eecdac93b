package com.oncepay.payment.model;

/** What the gateway's answer (or a webhook) did to an operation. */
public enum OperationEvent {
  SUCCEEDED,
  /** A definite "not processed": the only way an operation fails. */
  FAILED,
  /** Timeout, 5xx, crash, or accepted as pending: resolved later with the same gateway key. */
  LEFT_UNKNOWN
}
