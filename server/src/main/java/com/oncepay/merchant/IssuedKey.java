package com.oncepay.merchant;

/**
 * A key just issued: the stored key and, once only, the key itself. The key is in no log, no {@code
 * toString} and nowhere in the database; the creation answer is the only place it appears.
 */
public record IssuedKey(ApiKey stored, String secret) {
  @Override
  public String toString() {
    return "IssuedKey[" + stored + ", secret=…]";
  }
}
