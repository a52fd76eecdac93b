package com.oncepay.sim;

import java.util.concurrent.ThreadLocalRandom;

/** Stripe-looking random ids ({@code ch_…}, {@code re_…}, {@code evt_…}). */
final class Ids {

  private static final char[] ALPHABET =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
  private static final int LENGTH = 24;

  private Ids() {}

  /** 24 base-62 characters, ~143 bits: collisions are not a practical concern. */
  static String next(String prefix) {
    var random = ThreadLocalRandom.current();
    var id = new StringBuilder(prefix.length() + LENGTH).append(prefix);
    for (int i = 0; i < LENGTH; i++) {
      id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return id.toString();
  }
}
