package com.oncepay.sim;

import java.util.HashMap;
import java.util.Map;

/**
 * An HTTP answer. The body bytes are kept exactly as first written so that an idempotent replay is
 * byte-identical; nothing may mutate them after construction.
 */
record Reply(int status, byte[] body, Map<String, String> headers) {

  Reply {
    headers = Map.copyOf(headers);
  }

  static Reply json(int status, Object body) {
    return new Reply(status, Json.bytes(body), Map.of());
  }

  /** The same answer marked as a replay of a stored one. */
  Reply replayed() {
    return new Reply(status, body, Map.of("Idempotent-Replayed", "true"));
  }

  Reply withHeader(String name, String value) {
    var copy = new HashMap<>(headers);
    copy.put(name, value);
    return new Reply(status, body, copy);
  }
}
