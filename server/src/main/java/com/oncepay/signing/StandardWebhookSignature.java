package com.oncepay.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature (standardwebhooks.com, symmetric {@code v1}), as oncepay signs
 * its merchant webhooks: {@code webhook-signature: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<raw
 * body>">}, one entry per secret, separated by spaces. The id and the timestamp travel in their own
 * headers ({@code webhook-id}, {@code webhook-timestamp}) and are inside the signed text, so
 * neither can be swapped and a captured request cannot be replayed later with a fresh timestamp.
 *
 * <p>A secret is {@code whsec_<base64 of the key bytes>}; the HMAC key is the base64 decoding of
 * what follows the prefix, exactly as every Standard Webhooks library reads it. Secrets oncepay
 * issued before adopting the standard ({@code whsec_<64 hex digits>}) are valid base64 too (48
 * bytes), so a shop passes the string it already has to its library unchanged.
 */
public final class StandardWebhookSignature {

  public static final String ID_HEADER = "webhook-id";
  public static final String TIMESTAMP_HEADER = "webhook-timestamp";
  public static final String SIGNATURE_HEADER = "webhook-signature";
  public static final String SECRET_PREFIX = "whsec_";

  private static final String ALGORITHM = "HmacSHA256";

  private StandardWebhookSignature() {}

  /**
   * The {@code webhook-signature} value for one message: a {@code v1,…} entry per secret, in the
   * given order, separated by single spaces (several during a secret rotation).
   */
  public static String header(List<String> secrets, String id, long timestamp, byte[] body) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one secret signs a webhook");
    }
    StringJoiner entries = new StringJoiner(" ");
    for (String secret : secrets) {
      entries.add(sign(secret, id, timestamp, body));
    }
    return entries.toString();
  }

  /** One {@code v1,<base64>} entry: the HMAC-SHA256 of {@code "<id>.<timestamp>.<body>"}. */
  public static String sign(String secret, String id, long timestamp, byte[] body) {
    if (id.isEmpty() || id.indexOf('.') >= 0) {
      // The id is delimited by the first dot of the signed text; a dot inside it would let two
      // different (id, timestamp) pairs sign the same text.
      throw new IllegalArgumentException("a webhook id must be non-empty and dot-free: " + id);
    }
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key(secret), ALGORITHM));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
    }
  }

  /**
   * The HMAC key of a {@code whsec_} secret: the standard base64 decoding of what follows the
   * prefix. A secret that is not of that shape is a bug (oncepay issues every secret), not a
   * delivery failure, so it throws.
   */
  public static byte[] key(String secret) {
    if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
      throw new IllegalArgumentException("a webhook secret starts with " + SECRET_PREFIX);
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a webhook secret is whsec_ and base64", e);
    }
    if (key.length == 0) {
      throw new IllegalArgumentException("a webhook secret has key bytes after " + SECRET_PREFIX);
    }
    return key;
  }
}
