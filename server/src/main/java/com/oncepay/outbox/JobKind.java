package com.oncepay.outbox;

import com.oncepay.persistence.DbEnum;

/** What a queued job does. */
public enum JobKind implements DbEnum {
  /** Run or resolve a gateway operation ({@code ref} is the operation id). */
  OPERATION,
  /** Deliver a domain event to the merchant's endpoint ({@code ref} is the event id). */
  WEBHOOK;
}
