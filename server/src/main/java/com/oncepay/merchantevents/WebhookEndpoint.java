package com.oncepay.merchantevents;

import com.oncepay.merchant.MerchantId;
import com.oncepay.signing.StandardWebhookSignature;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a merchant wants its events, and the secrets they are signed with: the current one and, for
 * a while after a rotation, the one it replaced ({@code previousSecret} and {@code
 * previousSecretExpiresAt} are both null or both set).
 */
record WebhookEndpoint(
    MerchantId merchant,
    String url,
    String secret,
    String previousSecret,
    OffsetDateTime previousSecretExpiresAt,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  static final int MAX_URL_LENGTH = 2048;
  private static final SecureRandom RANDOM = new SecureRandom();

  WebhookEndpoint {
    if ((previousSecret == null) != (previousSecretExpiresAt == null)) {
      throw new IllegalArgumentException("a previous secret comes with its expiry, and only then");
    }
  }

  /**
   * A fresh signing secret in the Standard Webhooks shape: {@code whsec_} and the standard base64
   * of 32 random bytes (the HMAC key), which every Standard Webhooks library decodes as is.
   */
  static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return StandardWebhookSignature.SECRET_PREFIX + Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * The secrets a delivery attempted at {@code at} is signed with: the current one first, then the
   * previous one while its overlap lasts (strictly before its expiry).
   */
  List<String> signingSecrets(Instant at) {
    if (previousSecret != null && at.isBefore(previousSecretExpiresAt.toInstant())) {
      return List.of(secret, previousSecret);
    }
    return List.of(secret);
  }

  /**
   * The URL as a target we can POST to: absolute, http or https, with a host and a valid port.
   * Empty when it is anything else.
   */
  static Optional<URI> target(String url) {
    if (url == null || url.length() > MAX_URL_LENGTH) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean web = scheme.equals("http") || scheme.equals("https");
      boolean host = uri.getHost() != null && !uri.getHost().isEmpty();
      boolean port = uri.getPort() == -1 || (uri.getPort() > 0 && uri.getPort() <= 65_535);
      return web && host && port && !uri.isOpaque() ? Optional.of(uri) : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** Never prints the secret: records end up in logs. */
  @Override
  public String toString() {
    return "WebhookEndpoint[" + merchant + " -> " + url + "]";
  }
}
