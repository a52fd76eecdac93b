package com.oncepay.payment.model;

import com.oncepay.persistence.DbEnum;

public enum CaptureMethod implements DbEnum {
  /** Authorize and capture in one gateway call. */
  AUTOMATIC,
  /** Authorize now; capture (or void) later through the API. */
  MANUAL;
}
