package com.oncepay.idempotency;

import com.oncepay.error.ErrorCode;
import com.oncepay.error.OncepayException;

/**
 * The value of an {@code Idempotency-Key} header: up to 255 visible ASCII characters, sent as a
 * bare token or as a quoted structured-field string (IETF httpapi draft), which mean the same key.
 */
public record IdempotencyKey(String value) {

  public static final String HEADER = "Idempotency-Key";
  public static final int MAX_LENGTH = 255;

  public IdempotencyKey {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
      throw invalid();
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw invalid();
      }
    }
  }

  /** Parses the raw header; a missing header is answered with idempotency_key_missing. */
  public static IdempotencyKey parseHeader(String header) {
    if (header == null || header.isBlank()) {
      throw new OncepayException(
          ErrorCode.IDEMPOTENCY_KEY_MISSING,
          "An Idempotency-Key header is required on this request.",
          HEADER);
    }
    String raw = header.strip();
    if (raw.length() >= 2 && raw.startsWith("\"")) {
      return new IdempotencyKey(unquote(raw));
    }
    if (raw.indexOf('"') >= 0 || raw.indexOf(' ') >= 0 || raw.indexOf('\\') >= 0) {
      throw invalid();
    }
    return new IdempotencyKey(raw);
  }

  private static String unquote(String quoted) {
    if (!quoted.endsWith("\"") || quoted.length() < 2) {
      throw invalid();
    }
    StringBuilder out = new StringBuilder(quoted.length());
    for (int i = 1; i < quoted.length() - 1; i++) {
      char c = quoted.charAt(i);
      if (c == '\\') {
        if (i + 1 >= quoted.length() - 1) {
          throw invalid();
        }
        char next = quoted.charAt(++i);
        if (next != '"' && next != '\\') {
          throw invalid();
        }
        out.append(next);
      } else if (c == '"') {
        throw invalid();
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static OncepayException invalid() {
    return new OncepayException(
        ErrorCode.IDEMPOTENCY_KEY_INVALID,
        "The Idempotency-Key must be 1 to "
            + MAX_LENGTH
            + " visible ASCII characters, bare or as a quoted string.",
        HEADER);
  }
}
