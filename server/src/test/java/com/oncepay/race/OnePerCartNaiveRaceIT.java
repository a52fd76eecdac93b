package com.oncepay.race;

import com.oncepay.order.model.Order;
import com.oncepay.order.store.OrderRepository;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The same race against read-then-insert: proof that {@link OnePerCartRace} bites. */
@Import(OnePerCartNaiveRaceIT.Naive.class)
class OnePerCartNaiveRaceIT extends OnePerCartRace {

  @Test
  void readThenInsertIsCaught() {
    assertCaughtWithinRounds(5);
  }

  @TestConfiguration
  static class Naive {
    @Bean
    @Primary
    OrderRepository naiveOrders(JdbcClient jdbc) {
      return new NaiveOrderRepository(jdbc);
    }
  }

  /** Checks for an existing order, then inserts: two requests can both see "none". */
  static class NaiveOrderRepository extends OrderRepository {
    private final JdbcClient jdbc;

    NaiveOrderRepository(JdbcClient jdbc) {
      super(jdbc);
      this.jdbc = jdbc;
    }

    @Override
    public Optional<Order> insertIfAbsent(Order order) {
      if (findByCart(order.merchant(), order.cartId()).isPresent()) {
        return Optional.empty();
      }
      jdbc.sql(
              """
              INSERT INTO orders (id, merchant_id, cart_id, amount, currency, status, version,
                                  created_at, updated_at)
              VALUES (:id, :merchant, :cart, :amount, :currency, 'pending_payment', 0, :now, :now)
              """)
          .param("id", order.id().value())
          .param("merchant", order.merchant().value())
          .param("cart", order.cartId())
          .param("amount", order.amount().minor())
          .param("currency", order.amount().currencyCode())
          .param("now", order.createdAt())
          .update();
      return find(order.merchant(), order.id());
    }
  }
}
