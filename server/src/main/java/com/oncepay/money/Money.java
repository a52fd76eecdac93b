package com.oncepay.money;

import java.util.Currency;
import java.util.Objects;

/**
 * An amount in minor units (cents) of an ISO-4217 currency. Never a floating-point number: every
 * comparison with the gateway is exact.
 */
public record Money(long minor, Currency currency) {

  /**
   * The largest amount accepted: ten billion minor units. Far above any real checkout, far below
   * where sums of partial captures and refunds could overflow a {@code long}.
   */
  public static final long MAX_MINOR = 10_000_000_000L;

  public Money {
    Objects.requireNonNull(currency, "currency");
    if (minor <= 0 || minor > MAX_MINOR) {
      throw new IllegalArgumentException("amount out of range: " + minor);
    }
  }

  public static Money of(long minor, String currencyCode) {
    return new Money(minor, Currencies.parse(currencyCode));
  }

  public String currencyCode() {
    return currency.getCurrencyCode();
  }
}
