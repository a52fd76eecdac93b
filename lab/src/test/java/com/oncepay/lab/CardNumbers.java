package com.oncepay.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds card-like numbers in text: 13 to 19 digits that pass the Luhn check, as a card number does
 * (and as one random number in ten does, so only runs of card length count), written as one run of
 * digits or in the usual groups split by spaces or dashes (4-4-4-4, 4-4-4-4-3, 4-6-5). A grouped
 * number must stand alone: the groups inside a UUID ({@code 3187-4700-9636-8174dddc9f29}) are not
 * one.
 */
final class CardNumbers {

  private static final Pattern CANDIDATE =
      Pattern.compile(
          "(?<!\\d)\\d{13,19}(?!\\d)"
              + "|(?<![\\w-])(?:\\d{4}(?:[ -]\\d{4}){3}(?:[ -]\\d{3})?"
              + "|\\d{4}[ -]\\d{6}[ -]\\d{5})(?![\\w-])");

  private CardNumbers() {}

  static List<String> in(String text) {
    List<String> found = new ArrayList<>();
    Matcher m = CANDIDATE.matcher(text);
    while (m.find()) {
      String digits = m.group().replaceAll("[ -]", "");
      if (luhn(digits)) {
        found.add(m.group());
      }
    }
    return found;
  }

  static boolean luhn(String digits) {
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
