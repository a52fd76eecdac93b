package com.oncepay.payment.application;

import com.oncepay.gateway.GatewayResult;
import com.oncepay.merchant.MerchantId;
import com.oncepay.merchantevents.DomainEvents;
import com.oncepay.merchantevents.DomainEvents.Emitted;
import com.oncepay.merchantevents.EventType;
import com.oncepay.order.model.Order;
import com.oncepay.order.model.OrderEvent;
import com.oncepay.order.store.OrderRepository;
import com.oncepay.outbox.JobKind;
import com.oncepay.outbox.OutboxRepository;
import com.oncepay.payment.model.Operation;
import com.oncepay.payment.model.OperationStatus;
import com.oncepay.payment.model.Payment;
import com.oncepay.payment.model.PaymentEvent;
import com.oncepay.payment.model.PaymentStateMachine;
import com.oncepay.payment.model.PaymentStatus;
import com.oncepay.payment.model.Refund;
import com.oncepay.payment.store.PaymentRepository;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * What a settled operation does to its payment and order, and the events that says to the merchant,
 * inside the finalize transaction. Every write is guarded by the state machines; a guard that
 * refuses after the operation row said we won means state changed outside them, and rolls back.
 */
@Component
record OperationEffects(
    PaymentRepository payments,
    OrderRepository orders,
    DomainEvents events,
    OutboxRepository outbox) {

  /** How soon an operation left unknown is looked at again; the queue's policy backs off. */
  private static final Duration FIRST_RECOVERY = Duration.ofSeconds(1);

  /**
   * Applies the settled (or still unknown) operation {@code op}; an unknown outcome also queues its
   * resolution: re-sent with the same key, or looked up, until it settles.
   */
  Payment apply(Operation op, Payment payment, GatewayResult result, OffsetDateTime now) {
    if (op.status() == OperationStatus.UNKNOWN) {
      outbox.enqueue(JobKind.OPERATION, op.id().value(), now.plus(FIRST_RECOVERY), now);
    }
    return switch (op.kind()) {
      case AUTHORIZE -> authorization(op, payment, result, now);
      case CAPTURE -> pending(op, payment, result, PaymentEvent.CAPTURED, op.amount(), now);
      case VOID -> pending(op, payment, result, PaymentEvent.VOIDED, 0, now);
      case REFUND -> refund(op, payment, result, now);
    };
  }

  private Payment authorization(
      Operation op, Payment payment, GatewayResult result, OffsetDateTime now) {
    long amount = op.amount();
    PaymentEvent event;
    long authorized = 0;
    long captured = 0;
    String chargeId = null;
    String declineCode = null;
    switch (result) {
      case GatewayResult.Approved a -> {
        event = a.captured() ? PaymentEvent.AUTHORIZED_AND_CAPTURED : PaymentEvent.AUTHORIZED;
        authorized = amount;
        captured = a.captured() ? amount : 0;
        chargeId = a.reference();
      }
      case GatewayResult.Declined d -> {
        event = PaymentEvent.DECLINED;
        chargeId = d.reference();
        declineCode = d.code();
      }
      case GatewayResult.Pending p -> {
        event = PaymentEvent.GATEWAY_PENDING;
        chargeId = p.reference();
      }
      case GatewayResult.Unknown u -> event = PaymentEvent.OUTCOME_UNKNOWN;
    }
    Payment after =
        payments
            .settleAuthorization(
                payment.id(), event, authorized, captured, chargeId, declineCode, now)
            .orElseThrow(() -> guardFailed(op, "payment", event));
    Order order = moveOrder(op, after, PaymentStateMachine.ORDER_EVENTS.get(event), now);
    switch (event) {
      case AUTHORIZED -> {
        emit(
            now,
            about(after, EventType.PAYMENT_AUTHORIZED),
            about(order, EventType.ORDER_AUTHORIZED));
      }
      case AUTHORIZED_AND_CAPTURED -> {
        emit(now, about(after, EventType.PAYMENT_CAPTURED), about(order, EventType.ORDER_PAID));
      }
      case DECLINED -> emit(now, about(after, EventType.PAYMENT_FAILED));
      default -> {}
    }
    return after;
  }

  /**
   * A capture or void: moves along {@code onSuccess}, or on a decline just releases the payment.
   */
  private Payment pending(
      Operation op,
      Payment payment,
      GatewayResult result,
      PaymentEvent onSuccess,
      long captureAmount,
      OffsetDateTime now) {
    return switch (result) {
      case GatewayResult.Approved a -> {
        Payment after =
            payments
                .settlePendingOperation(payment.id(), op.id(), onSuccess, captureAmount, now)
                .orElseThrow(() -> guardFailed(op, "payment", onSuccess));
        Order order = moveOrder(op, after, PaymentStateMachine.ORDER_EVENTS.get(onSuccess), now);
        if (onSuccess == PaymentEvent.CAPTURED) {
          emit(now, about(after, EventType.PAYMENT_CAPTURED), about(order, EventType.ORDER_PAID));
        } else {
          emit(now, about(after, EventType.PAYMENT_VOIDED), about(order, EventType.ORDER_CANCELED));
        }
        yield after;
      }
      case GatewayResult.Declined d ->
          payments
              .settlePendingOperation(payment.id(), op.id(), null, 0, now)
              .orElseThrow(() -> guardFailed(op, "payment", null));
      // Still in flight: the payment stays busy until the outcome is known.
      case GatewayResult.Pending p -> reload(payment);
      case GatewayResult.Unknown u -> reload(payment);
    };
  }

  private Payment refund(Operation op, Payment payment, GatewayResult result, OffsetDateTime now) {
    return switch (result) {
      case GatewayResult.Approved a -> {
        Payment after =
            payments
                .settleRefund(payment.id(), op.amount(), now)
                .orElseThrow(() -> guardFailed(op, "payment", PaymentEvent.PARTIALLY_REFUNDED));
        OrderEvent orderEvent =
            after.status() == PaymentStatus.REFUNDED
                ? OrderEvent.FULLY_REFUNDED
                : OrderEvent.PARTIALLY_REFUNDED;
        Order order = moveOrder(op, after, orderEvent, now);
        Emitted refunded = about(new Refund(op, after), EventType.PAYMENT_REFUNDED);
        if (orderEvent == OrderEvent.FULLY_REFUNDED) {
          emit(now, refunded, about(order, EventType.ORDER_REFUNDED));
        } else {
          emit(now, refunded);
        }
        yield after;
      }
      case GatewayResult.Declined d -> {
        Payment after =
            payments
                .releaseRefund(payment.id(), op.amount(), now)
                .orElseThrow(() -> guardFailed(op, "refund reservation", null));
        emit(now, about(new Refund(op, after), EventType.PAYMENT_REFUND_FAILED));
        yield after;
      }
      case GatewayResult.Pending p -> reload(payment);
      case GatewayResult.Unknown u -> reload(payment);
    };
  }

  private Order moveOrder(Operation op, Payment payment, OrderEvent event, OffsetDateTime now) {
    if (event == null) {
      return null;
    }
    return orders
        .transition(payment.merchant(), payment.orderId(), event, now)
        .orElseThrow(() -> guardFailed(op, "order " + payment.orderId(), event));
  }

  /** The events of one state change, in one statement; all about one merchant's objects. */
  private void emit(OffsetDateTime now, Emitted... emitted) {
    events.emit(merchantOf(emitted[0].subject()), now, List.of(emitted));
  }

  private static MerchantId merchantOf(Object subject) {
    return switch (subject) {
      case Payment payment -> payment.merchant();
      case Order order -> order.merchant();
      case Refund refund -> refund.payment().merchant();
      default -> throw new IllegalArgumentException("no event subject: " + subject);
    };
  }

  private static Emitted about(Payment payment, EventType type) {
    return new Emitted(type, payment.id().toString(), payment);
  }

  private static Emitted about(Order order, EventType type) {
    return new Emitted(type, order.id().toString(), order);
  }

  private static Emitted about(Refund refund, EventType type) {
    return new Emitted(type, refund.operation().id().refundId(), refund);
  }

  /**
   * The operation row said we won, yet a dependent guarded write matched nothing: state was changed
   * outside the state machine. Roll back and shout rather than record half an outcome.
   */
  private static IllegalStateException guardFailed(Operation op, String what, Object event) {
    return new IllegalStateException(
        "finalizing " + op.kind() + " " + op.id() + ": " + what + " refused " + event);
  }

  Payment paymentOf(Operation operation) {
    return payments
        .find(operation.merchant(), operation.paymentId())
        .orElseThrow(
            () -> new IllegalStateException("operation without payment: " + operation.id()));
  }

  private Payment reload(Payment payment) {
    return payments.find(payment.merchant(), payment.id()).orElseThrow();
  }
}
