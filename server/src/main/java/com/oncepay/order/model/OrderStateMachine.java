package com.oncepay.order.model;

import static com.oncepay.order.model.OrderStatus.AUTHORIZED;
import static com.oncepay.order.model.OrderStatus.CANCELED;
import static com.oncepay.order.model.OrderStatus.PAID;
import static com.oncepay.order.model.OrderStatus.PARTIALLY_REFUNDED;
import static com.oncepay.order.model.OrderStatus.PAYMENT_FAILED;
import static com.oncepay.order.model.OrderStatus.PAYMENT_PROCESSING;
import static com.oncepay.order.model.OrderStatus.PENDING_PAYMENT;
import static com.oncepay.order.model.OrderStatus.REFUNDED;

import com.oncepay.statemachine.TransitionTable;
import java.util.Set;

/** The order's life, in one table. */
public final class OrderStateMachine {

  public static final TransitionTable<OrderStatus, OrderEvent> TABLE =
      TransitionTable.builder(OrderStatus.class, OrderEvent.class)
          // A new attempt is allowed only after a definite decline; while one is in flight (or
          // its outcome is unknown) the order stays payment_processing and others are refused.
          .on(
              OrderEvent.PAYMENT_STARTED,
              Set.of(PENDING_PAYMENT, PAYMENT_FAILED),
              PAYMENT_PROCESSING)
          .on(OrderEvent.PAYMENT_AUTHORIZED, Set.of(PAYMENT_PROCESSING), AUTHORIZED)
          .on(OrderEvent.PAYMENT_CAPTURED, Set.of(PAYMENT_PROCESSING, AUTHORIZED), PAID)
          .on(OrderEvent.PAYMENT_DECLINED, Set.of(PAYMENT_PROCESSING), PAYMENT_FAILED)
          .on(OrderEvent.PAYMENT_VOIDED, Set.of(AUTHORIZED), CANCELED)
          .on(OrderEvent.PARTIALLY_REFUNDED, Set.of(PAID, PARTIALLY_REFUNDED), PARTIALLY_REFUNDED)
          .on(OrderEvent.FULLY_REFUNDED, Set.of(PAID, PARTIALLY_REFUNDED), REFUNDED)
          .build();

  private OrderStateMachine() {}
}
