package com.oncepay.merchantevents;

import com.oncepay.merchant.MerchantId;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** Where a merchant wants its events, and the secret they are signed with. */
record WebhookEndpoint(
    MerchantId merchant,
    String url,
    String secret,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  static final int MAX_URL_LENGTH = 2048;
  private static final String SECRET_PREFIX = "whsec_";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A fresh signing secret: 32 random bytes, hex, behind a recognisable prefix. */
  static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return SECRET_PREFIX + HexFormat.of().formatHex(bytes);
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
