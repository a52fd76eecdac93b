package com.oncepay.idempotency;

import java.util.Arrays;

/**
 * An answer exactly as it went on the wire the first time: status and body bytes. Stored with the
 * idempotency key in the transaction of the change it describes, and replayed byte for byte. Only
 * the web edge decides what goes in it (through an {@link AnswerRenderer}).
 */
public record StoredAnswer(int status, byte[] body) {

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredAnswer(int s, byte[] b) && s == status && Arrays.equals(b, body);
  }

  @Override
  public int hashCode() {
    return 31 * status + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "StoredAnswer[" + status + "]";
  }
}
