package com.oncepay.audit;

import java.util.Objects;
import java.util.UUID;

/**
 * Who made a change, as the audit log names them: {@code operator} (the operator credential; which
 * token is never written), {@code merchant:mer_<id>} (a merchant's API key; its id, never the key),
 * or {@code bootstrap} (the service at start-up, from ONCEPAY_BOOTSTRAP_API_KEY).
 */
public record Actor(String name) {

  public static final Actor OPERATOR = new Actor("operator");
  public static final Actor BOOTSTRAP = new Actor("bootstrap");

  public Actor {
    Objects.requireNonNull(name, "name");
  }

  public static Actor merchant(UUID merchant) {
    return new Actor("merchant:mer_" + merchant);
  }
}
