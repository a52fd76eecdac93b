package com.oncepay.payment.application;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.oncepay.config.OncepayProperties;
import com.oncepay.error.ErrorCode;
import com.oncepay.error.Rejection;
import com.oncepay.merchant.MerchantId;
import com.oncepay.order.model.Order;
import com.oncepay.order.model.OrderId;
import com.oncepay.order.model.OrderStateMachine;
import com.oncepay.order.model.OrderStatus;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Orders that every future pay must be refused on, and how, remembered by this instance.
 *
 * <p>When a flash sale's order is paid, the thousands of pays still arriving for it each ran a
 * claim that could not win (the guarded UPDATE), then read the order to say why, before storing
 * that refusal with their key; on a 20-connection pool that queue is what answered 503. Once an
 * order is paid, refunded or canceled, no sequence of events brings it back to a payable state, and
 * every state it can still reach refuses a pay with the same code, so the refusal read once is the
 * refusal forever: remembering it answers exactly what PostgreSQL would. The states are derived
 * from the order's transition table, not listed, so a new transition that makes an order payable
 * again removes its states from here by itself. The key is still written with the answer in its own
 * transaction, so replays and key reuse behave as before.
 */
@Component
class SettledOrders {

  /** Bounds memory, not correctness: an evicted order is simply read again. */
  static final long MAX_ORDERS = 100_000;

  /** States whose every reachable state refuses a pay with the same code. */
  static final Set<OrderStatus> SETTLED = settledStates();

  private record Key(MerchantId merchant, OrderId order) {}

  private final Cache<Key, Rejection> refusals =
      Caffeine.newBuilder().maximumSize(MAX_ORDERS).build();

  /**
   * False under {@code unsafe-naive}: its unguarded writes can take a paid order back to
   * processing, so "paid" is not final there, and the race lab must see that strategy fail as it
   * does, not through a short cut that assumes guarded transitions.
   */
  private final boolean enabled;

  @Autowired
  SettledOrders(OncepayProperties properties) {
    this(properties.strategy() != OncepayProperties.Strategy.UNSAFE_NAIVE);
  }

  SettledOrders(boolean enabled) {
    this.enabled = enabled;
  }

  /** The refusal any pay of this order gets, when it is known to be final. */
  Optional<Rejection> refusal(MerchantId merchant, OrderId order) {
    return Optional.ofNullable(refusals.getIfPresent(new Key(merchant, order)));
  }

  /** Remembers {@code rejection} as the order's final answer to a pay, if its state makes it so. */
  void learn(MerchantId merchant, Order order, Rejection rejection) {
    if (enabled && SETTLED.contains(order.status())) {
      refusals.put(new Key(merchant, order.id()), rejection);
    }
  }

  private static Set<OrderStatus> settledStates() {
    Set<OrderStatus> settled = EnumSet.noneOf(OrderStatus.class);
    for (OrderStatus status : OrderStatus.values()) {
      Optional<ErrorCode> refusal = PayOrder.refusalIn(status);
      if (refusal.isPresent()
          && OrderStateMachine.TABLE.reachableFrom(status).stream()
              .allMatch(reached -> PayOrder.refusalIn(reached).equals(refusal))) {
        settled.add(status);
      }
    }
    return settled;
  }
}
