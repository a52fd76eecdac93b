package com.oncepay.payment.model;

import com.oncepay.persistence.DbEnum;

public enum OperationKind implements DbEnum {
  AUTHORIZE,
  CAPTURE,
  VOID,
  REFUND;
}
