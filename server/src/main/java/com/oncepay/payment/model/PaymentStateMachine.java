package com.oncepay.payment.model;

import static com.oncepay.payment.model.PaymentStatus.AUTHORIZED;
import static com.oncepay.payment.model.PaymentStatus.CAPTURED;
import static com.oncepay.payment.model.PaymentStatus.FAILED;
import static com.oncepay.payment.model.PaymentStatus.PARTIALLY_REFUNDED;
import static com.oncepay.payment.model.PaymentStatus.PROCESSING;
import static com.oncepay.payment.model.PaymentStatus.REFUNDED;
import static com.oncepay.payment.model.PaymentStatus.UNKNOWN;
import static com.oncepay.payment.model.PaymentStatus.VOIDED;

import com.oncepay.order.model.OrderEvent;
import com.oncepay.statemachine.TransitionTable;
import java.util.Map;
import java.util.Set;

/** The payment's life, in one table, and the order event each payment event implies. */
public final class PaymentStateMachine {

  public static final TransitionTable<PaymentStatus, PaymentEvent> TABLE =
      TransitionTable.builder(PaymentStatus.class, PaymentEvent.class)
          .on(PaymentEvent.AUTHORIZED, Set.of(PROCESSING, UNKNOWN), AUTHORIZED)
          .on(PaymentEvent.AUTHORIZED_AND_CAPTURED, Set.of(PROCESSING, UNKNOWN), CAPTURED)
          // Only a definite "not processed" fails a payment; unknown is resolved, never assumed.
          .on(PaymentEvent.DECLINED, Set.of(PROCESSING, UNKNOWN), FAILED)
          .on(PaymentEvent.OUTCOME_UNKNOWN, Set.of(PROCESSING, UNKNOWN), UNKNOWN)
          .on(PaymentEvent.GATEWAY_PENDING, Set.of(PROCESSING, UNKNOWN), PROCESSING)
          .on(PaymentEvent.CAPTURED, Set.of(AUTHORIZED), CAPTURED)
          .on(PaymentEvent.VOIDED, Set.of(AUTHORIZED), VOIDED)
          .on(
              PaymentEvent.PARTIALLY_REFUNDED,
              Set.of(CAPTURED, PARTIALLY_REFUNDED),
              PARTIALLY_REFUNDED)
          .on(PaymentEvent.FULLY_REFUNDED, Set.of(CAPTURED, PARTIALLY_REFUNDED), REFUNDED)
          .build();

  /** What each settled payment event means for its order; unknown outcomes leave it alone. */
  public static final Map<PaymentEvent, OrderEvent> ORDER_EVENTS =
      Map.of(
          PaymentEvent.AUTHORIZED, OrderEvent.PAYMENT_AUTHORIZED,
          PaymentEvent.AUTHORIZED_AND_CAPTURED, OrderEvent.PAYMENT_CAPTURED,
          PaymentEvent.DECLINED, OrderEvent.PAYMENT_DECLINED,
          PaymentEvent.CAPTURED, OrderEvent.PAYMENT_CAPTURED,
          PaymentEvent.VOIDED, OrderEvent.PAYMENT_VOIDED,
          PaymentEvent.PARTIALLY_REFUNDED, OrderEvent.PARTIALLY_REFUNDED,
          PaymentEvent.FULLY_REFUNDED, OrderEvent.FULLY_REFUNDED);

  private PaymentStateMachine() {}
}
