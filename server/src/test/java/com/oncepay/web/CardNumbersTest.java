package com.oncepay.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardNumbersTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "4242424242424242",
        "4242 4242 4242 4242",
        "5555-5555-5555-4444",
        "378282246310005"
      })
  void cardNumbersAreRecognised(String pan) {
    assertThat(CardNumbers.looksLikePan(pan)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pm_ok",
        "4242424242424241",
        "424242424242",
        "42424242424242424242",
        "tok_4242424242424242"
      })
  void tokensAndNonLuhnDigitsAreNot(String text) {
    assertThat(CardNumbers.looksLikePan(text)).isFalse();
  }
}
