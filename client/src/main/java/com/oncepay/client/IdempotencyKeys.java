package com.oncepay.client;

import java.util.UUID;

/** Making and sending Idempotency-Keys the way the server reads them. */
final class IdempotencyKeys {

  static final String HEADER = "Idempotency-Key";
  static final int MAX_LENGTH = 255;

  private IdempotencyKeys() {}

  /** A fresh key for one logical operation; the caller must reuse it on every retry. */
  static String generate() {
    return UUID.randomUUID().toString();
  }

  /**
   * The header value for a key: the bare key when it is a plain token, else a quoted
   * structured-field string, which the server reads as the same key. Rejects keys the server would
   * refuse, before any request is sent.
   */
  static String headerValue(String key) {
    if (key == null || key.isEmpty() || key.length() > MAX_LENGTH) {
      throw invalid(key);
    }
    boolean plain = true;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw invalid(key);
      }
      plain &= c != '"' && c != '\\' && c != ' ';
    }
    if (plain) {
      return key;
    }
    return '"' + key.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static IllegalArgumentException invalid(String key) {
    return new IllegalArgumentException(
        "An Idempotency-Key must be 1 to "
            + MAX_LENGTH
            + " visible ASCII characters; got "
            + (key == null ? "null" : "\"" + key + "\""));
  }
}
