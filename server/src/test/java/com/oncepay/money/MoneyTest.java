package com.oncepay.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

  @Test
  void positiveBoundedMinorUnits() {
    assertThat(Money.of(1, "EUR").minor()).isEqualTo(1);
    assertThat(Money.of(Money.MAX_MINOR, "JPY").currencyCode()).isEqualTo("JPY");
    assertThatThrownBy(() -> Money.of(0, "EUR")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Money.of(-1, "EUR")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Money.of(Money.MAX_MINOR + 1, "EUR"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyPayableIsoCurrencies() {
    assertThat(Currencies.isAccepted("EUR")).isTrue();
    assertThat(Currencies.isAccepted("USD")).isTrue();
    assertThat(Currencies.isAccepted("eur")).isFalse();
    assertThat(Currencies.isAccepted("XYZ")).isFalse();
    assertThat(Currencies.isAccepted("XAU")).isFalse();
    assertThat(Currencies.isAccepted(null)).isFalse();
  }

  @Test
  void sameAmountAndCurrencyAreEqual() {
    assertThat(Money.of(100, "EUR")).isEqualTo(Money.of(100, "EUR"));
    assertThat(Money.of(100, "EUR")).isNotEqualTo(Money.of(100, "USD"));
  }
}
