package com.oncepay.web;

/**
 * Whether a text looks like a card number (a PAN): 13 to 19 digits, with or without spaces or
 * dashes between them, passing the Luhn check. oncepay takes payment method tokens only; a card
 * number must never be accepted, stored or logged, so it is refused where it enters.
 */
public final class CardNumbers {

  private CardNumbers() {}

  public static boolean looksLikePan(String text) {
    if (text == null) {
      return false;
    }
    StringBuilder digits = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      } else if (c != ' ' && c != '-') {
        return false;
      }
    }
    return digits.length() >= 13 && digits.length() <= 19 && luhn(digits);
  }

  private static boolean luhn(CharSequence digits) {
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }
}
