package com.oncepay.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CardNumbersTest {

  @Test
  void findsCardNumbersWrittenTogetherOrInGroups() {
    assertThat(CardNumbers.in("card 4242424242424242 declined"))
        .containsExactly("4242424242424242");
    assertThat(CardNumbers.in("pan=4111 1111 1111 1111;")).containsExactly("4111 1111 1111 1111");
    assertThat(CardNumbers.in("amex 3782-822463-10005")).containsExactly("3782-822463-10005");
    // 13 and 19 digits, the shortest and longest card numbers.
    assertThat(CardNumbers.in("x4222222222222y")).containsExactly("4222222222222");
    assertThat(CardNumbers.in("[4222 2222 2222 2222 224]"))
        .containsExactly("4222 2222 2222 2222 224");
    assertThat(CardNumbers.in("6011000990139424009")).hasSize(1);
  }

  @Test
  void ignoresWhatOnlyLooksLikeOne() {
    // Fails the Luhn check.
    assertThat(CardNumbers.in("4242424242424241")).isEmpty();
    // Part of a longer run of digits: no card number has 20.
    assertThat(CardNumbers.in("42424242424242424242")).isEmpty();
    // Groups of a UUID, even when they pass the Luhn check together.
    assertThat(CardNumbers.luhn("3187470096368174")).isTrue();
    assertThat(CardNumbers.in("request_id=35dd23cd-3187-4700-9636-8174dddc9f29")).isEmpty();
    assertThat(CardNumbers.in("request_id=96179664-3702-4dfb-8470-317f3e5a027e")).isEmpty();
    // What a log line is made of: times, ids, durations.
    assertThat(
            CardNumbers.in(
                "2026-12-01T11:13:07.618Z  INFO 2760 --- [oncepay] [omcat-handler-1]"
                    + " [request_id=2b08eace-d372-4b1b-88a9-2c507296ccc9] oncepay.access : GET"
                    + " /v1/orders/ord_1b60e60f-f423-4cd7-96e4-f1e61f4405c0 404 24 ms"))
        .isEmpty();
  }
}
