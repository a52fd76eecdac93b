package com.oncepay.payment.model;

import com.oncepay.persistence.DbEnum;

public enum OperationKind implements DbEnum {
  AUTHORIZE,
  CAPTURE,
  VOID,
  REFUND;

  public static OperationKind fromDb(String value) {
    return DbEnum.fromDb(OperationKind.class, value);
  }
}
