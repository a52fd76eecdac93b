package com.oncepay.race;

import com.oncepay.order.store.OrderRepository;
import com.oncepay.payment.claims.ConcurrencyStrategy;
import com.oncepay.payment.claims.UnsafeNaiveStrategy;
import com.oncepay.payment.store.PaymentRepository;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

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
    ConcurrencyStrategy naiveClaims(OrderRepository orders, PaymentRepository payments) {
      return new UnsafeNaiveStrategy(orders, payments);
    }
  }
}
