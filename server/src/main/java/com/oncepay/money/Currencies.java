package com.oncepay.money;

import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

/** The ISO-4217 currencies a payment may be made in. */
public final class Currencies {

  // Funds codes, precious metals and testing codes are ISO entries but not something a shop sells
  // in.
  private static final Set<String> NOT_FOR_PAYMENT =
      Set.of(
          "XAU", "XAG", "XPT", "XPD", "XTS", "XXX", "XBA", "XBB", "XBC", "XBD", "XDR", "XSU", "XUA",
          "BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW");

  private static final Set<String> ACCEPTED =
      Currency.getAvailableCurrencies().stream()
          .map(Currency::getCurrencyCode)
          .filter(code -> !NOT_FOR_PAYMENT.contains(code))
          .collect(Collectors.toUnmodifiableSet());

  private Currencies() {}

  /** True for an upper-case ISO-4217 code that payments can be made in. */
  public static boolean isAccepted(String code) {
    return code != null && ACCEPTED.contains(code);
  }

  public static Currency parse(String code) {
    if (!isAccepted(code)) {
      throw new IllegalArgumentException("unknown currency: " + code);
    }
    return Currency.getInstance(code);
  }
}
