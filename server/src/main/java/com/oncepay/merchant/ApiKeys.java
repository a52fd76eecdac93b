package com.oncepay.merchant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * API keys are stored only as SHA-256 hashes. Keys are 192 random bits, so a plain fast hash is
 * enough: there is nothing to brute-force the way there is with a password.
 */
public final class ApiKeys {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** How much of a key listings show: {@code sk_test_} and 4 hex digits (16 of 192 bits). */
  static final int PREFIX_LENGTH = 12;

  private ApiKeys() {}

  public static String generate() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return "sk_test_" + HexFormat.of().formatHex(bytes);
  }

  public static byte[] hash(String apiKey) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The start of a key, to tell keys apart in a listing; never enough to use it. */
  static String prefix(String apiKey) {
    return apiKey.substring(0, Math.min(PREFIX_LENGTH, apiKey.length() / 4));
  }
}
