package com.oncepay.sim;

import java.util.Locale;
import java.util.Optional;

/** The scenario payment methods: each one makes the gateway behave in one named way. */
enum PaymentMethod {
  /** Approves at once. */
  PM_OK,
  /** Declines with 402 {@code card_declined}. */
  PM_DECLINED,
  /** Approves after an extra {@code slow_ms}. */
  PM_SLOW,
  /** Charges and stores the answer, then the first attempt hangs {@code hang_ms}. */
  PM_TIMEOUT_AFTER_CHARGE,
  /** First attempt per key: 500 without charging; a retry with the key approves. */
  PM_ERROR_THEN_OK,
  /** 202 pending, settles after {@code async_delay_ms} and announces it by webhooks. */
  PM_ASYNC,
  /** Like {@link #PM_ASYNC} but settles as declined. */
  PM_ASYNC_DECLINED;

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<PaymentMethod> fromWire(String name) {
    for (PaymentMethod method : values()) {
      if (method.wireName().equals(name)) {
        return Optional.of(method);
      }
    }
    return Optional.empty();
  }

  boolean isAsync() {
    return this == PM_ASYNC || this == PM_ASYNC_DECLINED;
  }
}
