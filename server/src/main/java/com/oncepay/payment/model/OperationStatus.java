package com.oncepay.payment.model;

import com.oncepay.persistence.DbEnum;

public enum OperationStatus implements DbEnum {
  PROCESSING,
  SUCCEEDED,
  FAILED,
  /** Sent, outcome not known: resolved by re-sending with the same gateway key. */
  UNKNOWN;

  public boolean settled() {
    return this == SUCCEEDED || this == FAILED;
  }
}
