package com.oncepay.race;

import com.oncepay.order.OrderRepository;
import com.oncepay.payment.PaymentClaims;
import com.oncepay.payment.PaymentRepository;
import com.oncepay.payment.UnsafeNaiveClaims;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The same race against read-check-write claims: proof that {@link OneChargePerOrderRace} bites.
 */
@Import(OneChargePerOrderNaiveRaceIT.Naive.class)
class OneChargePerOrderNaiveRaceIT extends OneChargePerOrderRace {

  @Test
  void readCheckWriteClaimIsCaught() {
    assertCaughtWithinRounds(5);
  }

  @TestConfiguration
  static class Naive {
    @Bean
    @Primary
    PaymentClaims naiveClaims(JdbcClient jdbc, OrderRepository orders, PaymentRepository payments) {
      return new UnsafeNaiveClaims(jdbc, orders, payments);
    }
  }
}
