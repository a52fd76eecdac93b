package com.oncepay.lab.spawn;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random API keys and webhook secrets for a spawned run. */
final class Secrets {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
