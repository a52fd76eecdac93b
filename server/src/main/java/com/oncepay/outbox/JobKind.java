package com.oncepay.outbox;

import java.util.Locale;

/** What a queued job does. */
public enum JobKind {
  /** Run or resolve a gateway operation ({@code ref} is the operation id). */
  OPERATION,
  /** Deliver a domain event to the merchant's endpoint ({@code ref} is the event id). */
  WEBHOOK;

  public String dbName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static JobKind fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
