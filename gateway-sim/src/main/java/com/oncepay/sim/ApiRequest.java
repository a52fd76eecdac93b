package com.oncepay.sim;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One HTTP request, read completely before it is handled.
 *
 * @param idempotencyKey the trimmed {@code Idempotency-Key} header, or null when absent or blank
 */
record ApiRequest(String method, String path, String rawQuery, String idempotencyKey, byte[] body) {

  /** Larger bodies are refused; no simulator request comes anywhere near this. */
  static final int MAX_BODY_BYTES = 1 << 20;

  static ApiRequest read(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    if (key != null) {
      key = key.trim();
      if (key.isEmpty()) {
        key = null;
      }
    }
    var uri = exchange.getRequestURI();
    return new ApiRequest(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(), key, body);
  }

  boolean tooLarge() {
    return body.length > MAX_BODY_BYTES;
  }

  /** The decoded value of a query parameter, or null. */
  String queryParameter(String name) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String rawName = eq < 0 ? pair : pair.substring(0, eq);
      if (URLDecoder.decode(rawName, StandardCharsets.UTF_8).equals(name)) {
        return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /**
   * What "the same request" means for idempotency: method, path and the exact body bytes. A
   * re-serialised body with other whitespace is a different request, as at Stripe.
   */
  String fingerprint() {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
      return method + " " + path + " " + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
