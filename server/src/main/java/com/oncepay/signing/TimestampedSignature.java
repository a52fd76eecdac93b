package com.oncepay.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">} signature scheme, as the
 * simulator signs its webhooks. oncepay's merchant webhooks follow the Standard Webhooks scheme
 * ({@link StandardWebhookSignature}) and carry this one too, as {@code Oncepay-Signature}, while
 * shops move over (docs/webhooks-out.md says until when); the HMAC key here is the whole secret
 * string as UTF-8.
 *
 * <p>The timestamp is inside the signed text, so a captured request cannot be replayed later with a
 * fresh {@code t}; the receiver rejects timestamps outside its tolerance. Several {@code v1} values
 * and several secrets are accepted, so a secret can be rotated without a window of rejected events.
 */
public final class TimestampedSignature {

  private static final String ALGORITHM = "HmacSHA256";
  private static final HexFormat HEX = HexFormat.of();

  private TimestampedSignature() {}

  /** The header value signing {@code body} at unix time {@code t} with {@code secret}. */
  public static String sign(String secret, long t, byte[] body) {
    return "t=" + t + ",v1=" + HEX.formatHex(mac(secret, t, body));
  }

  /**
   * The header value signing {@code body} at unix time {@code t} with each of {@code secrets}: one
   * {@code t} and a {@code v1} per secret, in order, so a receiver holding any one of them accepts.
   */
  public static String sign(List<String> secrets, long t, byte[] body) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one secret signs a webhook");
    }
    StringBuilder header = new StringBuilder("t=").append(t);
    for (String secret : secrets) {
      header.append(",v1=").append(HEX.formatHex(mac(secret, t, body)));
    }
    return header.toString();
  }

  /**
   * Whether {@code header} is a valid signature of {@code body} by any of {@code secrets}, made
   * within {@code toleranceSeconds} of {@code nowSeconds}. Malformed headers are simply invalid.
   */
  public static boolean verify(
      String header, byte[] body, List<String> secrets, long nowSeconds, long toleranceSeconds) {
    if (header == null || body == null || secrets == null || secrets.isEmpty()) {
      return false;
    }
    Long timestamp = null;
    List<byte[]> candidates = new ArrayList<>();
    for (String part : header.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String name = part.substring(0, eq).trim();
      String value = part.substring(eq + 1).trim();
      if (name.equals("t")) {
        if (timestamp != null) {
          return false; // two timestamps: ambiguous, so refuse
        }
        try {
          timestamp = Long.parseLong(value);
        } catch (NumberFormatException e) {
          return false;
        }
      } else if (name.equals("v1")) {
        try {
          candidates.add(HEX.parseHex(value));
        } catch (IllegalArgumentException e) {
          // A malformed v1 cannot match; another v1 still may.
        }
      }
    }
    if (timestamp == null
        || candidates.isEmpty()
        || !within(timestamp, nowSeconds, toleranceSeconds)) {
      return false;
    }
    boolean valid = false;
    for (String secret : secrets) {
      if (secret == null || secret.isEmpty()) {
        continue;
      }
      byte[] expected = mac(secret, timestamp, body);
      for (byte[] candidate : candidates) {
        // Constant-time compare; keep looping instead of returning early for the same reason.
        valid |= MessageDigest.isEqual(expected, candidate);
      }
    }
    return valid;
  }

  /**
   * |now - t| <= tolerance without overflow: a subtraction of two arbitrary longs (a forged {@code
   * t = now - 2^63}) can wrap around to a small number and pass a naive check.
   */
  static boolean within(long t, long now, long tolerance) {
    try {
      long drift = Math.subtractExact(now, t);
      return drift >= -tolerance && drift <= tolerance;
    } catch (ArithmeticException overflow) {
      return false;
    }
  }

  private static byte[] mac(String secret, long t, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
    }
  }
}
