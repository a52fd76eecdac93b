package com.oncepay.payment.model;

import static com.oncepay.payment.model.PaymentStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.oncepay.order.model.OrderEvent;
import com.oncepay.order.model.OrderStateMachine;
import com.oncepay.order.model.OrderStatus;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every (state, event) pair of the payment machine, against a hand-written expectation. */
class PaymentStateMachineTest {

  private static final Map<PaymentEvent, Map<PaymentStatus, PaymentStatus>> ALLOWED =
      Map.of(
          PaymentEvent.AUTHORIZED, Map.of(PROCESSING, AUTHORIZED, UNKNOWN, AUTHORIZED),
          PaymentEvent.AUTHORIZED_AND_CAPTURED, Map.of(PROCESSING, CAPTURED, UNKNOWN, CAPTURED),
          PaymentEvent.DECLINED, Map.of(PROCESSING, FAILED, UNKNOWN, FAILED),
          PaymentEvent.OUTCOME_UNKNOWN, Map.of(PROCESSING, UNKNOWN, UNKNOWN, UNKNOWN),
          PaymentEvent.GATEWAY_PENDING, Map.of(PROCESSING, PROCESSING, UNKNOWN, PROCESSING),
          PaymentEvent.CAPTURED, Map.of(AUTHORIZED, CAPTURED),
          PaymentEvent.VOIDED, Map.of(AUTHORIZED, VOIDED),
          PaymentEvent.PARTIALLY_REFUNDED,
              Map.of(CAPTURED, PARTIALLY_REFUNDED, PARTIALLY_REFUNDED, PARTIALLY_REFUNDED),
          PaymentEvent.FULLY_REFUNDED, Map.of(CAPTURED, REFUNDED, PARTIALLY_REFUNDED, REFUNDED));

  @ParameterizedTest
  @EnumSource(PaymentStatus.class)
  void everyEventFromEveryState(PaymentStatus state) {
    for (PaymentEvent event : PaymentEvent.values()) {
      Optional<PaymentStatus> expected = Optional.ofNullable(ALLOWED.get(event).get(state));
      assertThat(PaymentStateMachine.TABLE.next(state, event))
          .as("%s on %s", event, state)
          .isEqualTo(expected);
    }
  }

  @Test
  void failedVoidedAndRefundedAreFinal() {
    assertThat(PaymentStateMachine.TABLE.terminalStates())
        .containsExactlyInAnyOrder(FAILED, VOIDED, REFUNDED);
  }

  /**
   * Each settled payment event implies an order event; walking both tables from the order's state
   * at that moment must always be allowed, or a finalize would roll back.
   */
  @Test
  void orderFollowsEveryPaymentOutcome() {
    Map<PaymentStatus, OrderStatus> orderWhilePaymentIs =
        Map.of(
            PROCESSING, OrderStatus.PAYMENT_PROCESSING,
            UNKNOWN, OrderStatus.PAYMENT_PROCESSING,
            AUTHORIZED, OrderStatus.AUTHORIZED,
            CAPTURED, OrderStatus.PAID,
            PARTIALLY_REFUNDED, OrderStatus.PARTIALLY_REFUNDED);
    for (var entry : PaymentStateMachine.ORDER_EVENTS.entrySet()) {
      PaymentEvent paymentEvent = entry.getKey();
      OrderEvent orderEvent = entry.getValue();
      for (PaymentStatus from : PaymentStateMachine.TABLE.sources(paymentEvent)) {
        OrderStatus order = orderWhilePaymentIs.get(from);
        assertThat(OrderStateMachine.TABLE.next(order, orderEvent))
            .as("%s while payment %s (order %s) → %s", paymentEvent, from, order, orderEvent)
            .isPresent();
      }
    }
    assertThat(PaymentStateMachine.ORDER_EVENTS)
        .doesNotContainKeys(PaymentEvent.OUTCOME_UNKNOWN, PaymentEvent.GATEWAY_PENDING);
  }
}
