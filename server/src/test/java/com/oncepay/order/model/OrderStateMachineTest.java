package com.oncepay.order.model;

import static com.oncepay.order.model.OrderStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Walks every (state, event) pair of the order machine against an expectation written out by hand,
 * so a change to the table must be a deliberate change here too.
 */
class OrderStateMachineTest {

  private static final Map<OrderEvent, Map<OrderStatus, OrderStatus>> ALLOWED =
      Map.of(
          OrderEvent.PAYMENT_STARTED,
              Map.of(PENDING_PAYMENT, PAYMENT_PROCESSING, PAYMENT_FAILED, PAYMENT_PROCESSING),
          OrderEvent.PAYMENT_AUTHORIZED, Map.of(PAYMENT_PROCESSING, AUTHORIZED),
          OrderEvent.PAYMENT_CAPTURED, Map.of(PAYMENT_PROCESSING, PAID, AUTHORIZED, PAID),
          OrderEvent.PAYMENT_DECLINED, Map.of(PAYMENT_PROCESSING, PAYMENT_FAILED),
          OrderEvent.PAYMENT_VOIDED, Map.of(AUTHORIZED, CANCELED),
          OrderEvent.PARTIALLY_REFUNDED,
              Map.of(PAID, PARTIALLY_REFUNDED, PARTIALLY_REFUNDED, PARTIALLY_REFUNDED),
          OrderEvent.FULLY_REFUNDED, Map.of(PAID, REFUNDED, PARTIALLY_REFUNDED, REFUNDED));

  @ParameterizedTest
  @EnumSource(OrderStatus.class)
  void everyEventFromEveryState(OrderStatus state) {
    for (OrderEvent event : OrderEvent.values()) {
      Optional<OrderStatus> expected = Optional.ofNullable(ALLOWED.get(event).get(state));
      assertThat(OrderStateMachine.TABLE.next(state, event))
          .as("%s on %s", event, state)
          .isEqualTo(expected);
    }
  }

  @ParameterizedTest
  @EnumSource(OrderStatus.class)
  void terminalStatesAreCanceledAndRefundedOnly(OrderStatus state) {
    boolean terminal = state == CANCELED || state == REFUNDED;
    assertThat(OrderStateMachine.TABLE.terminalStates().contains(state)).isEqualTo(terminal);
  }
}
