package com.oncepay.payment;

import com.oncepay.events.DomainEvents;
import com.oncepay.events.EventType;
import com.oncepay.gateway.GatewayResult;
import com.oncepay.gateway.PaymentGateway;
import com.oncepay.idempotency.IdempotencyStore;
import com.oncepay.order.Order;
import com.oncepay.order.OrderEvent;
import com.oncepay.order.OrderRepository;
import com.oncepay.order.OrderView;
import com.oncepay.outbox.JobKind;
import com.oncepay.outbox.OutboxRepository;
import com.oncepay.web.ApiException;
import com.oncepay.web.ApiResponse;
import com.oncepay.web.ErrorCode;
import com.oncepay.web.Json;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one gateway operation to its outcome: the gateway call with no transaction and no pooled
 * connection held, then one finalize transaction (operation result, payment and order state, stored
 * idempotent answer).
 *
 * <p>Safe to run twice for the same operation, concurrently or after a crash: the gateway sees the
 * same key both times, and only one finalize wins the guarded write on the operation row.
 */
@Service
public class ExecuteOperation {

  private static final Logger log = LoggerFactory.getLogger(ExecuteOperation.class);
  public static final String QUEUE_TO_GATEWAY_METRIC = "oncepay.queue.to_gateway";

  private final OperationRepository operations;
  private final PaymentRepository payments;
  private final OrderRepository orders;
  private final IdempotencyStore keys;
  private final PaymentGateway gateway;
  private final DomainEvents events;
  private final OutboxRepository outbox;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Timer queueToGateway;

  public ExecuteOperation(
      OperationRepository operations,
      PaymentRepository payments,
      OrderRepository orders,
      IdempotencyStore keys,
      PaymentGateway gateway,
      DomainEvents events,
      OutboxRepository outbox,
      TransactionTemplate tx,
      Clock clock,
      MeterRegistry meters) {
    this.operations = operations;
    this.payments = payments;
    this.orders = orders;
    this.keys = keys;
    this.gateway = gateway;
    this.events = events;
    this.outbox = outbox;
    this.tx = tx;
    this.clock = clock;
    this.queueToGateway =
        Timer.builder(QUEUE_TO_GATEWAY_METRIC)
            .description(
                "time from the transaction that queued an operation to its first gateway call")
            .publishPercentiles(0.5, 0.9, 0.99)
            .register(meters);
  }

  /** How soon an operation left unknown is looked at again; the queue's policy backs off. */
  private static final Duration FIRST_RECOVERY = Duration.ofSeconds(1);

  public ApiResponse execute(OperationId id) {
    return execute(id, false);
  }

  /**
   * The queue's entry: the same run, and for an operation never yet sent (an async payment's
   * authorization) the delay from its enqueuing transaction to this gateway call is recorded.
   */
  public ApiResponse executeQueued(OperationId id) {
    return execute(id, true);
  }

  private ApiResponse execute(OperationId id, boolean queued) {
    Operation operation = operations.find(id).orElseThrow(() -> missing(id));
    Payment payment = loadPayment(operation);
    if (operation.status().settled()) {
      return render(operation, payment);
    }
    if (queued && operation.status() == OperationStatus.PROCESSING) {
      queueToGateway.record(Duration.between(operation.createdAt(), OffsetDateTime.now(clock)));
    }
    GatewayResult result = call(operation, payment);
    return tx.execute(status -> finish(operation, payment, result));
  }

  /**
   * Settles an operation with an outcome learnt another way (a gateway webhook), through the same
   * guarded finalize as a call's answer. Joins the caller's transaction.
   */
  public ApiResponse settle(OperationId id, GatewayResult result) {
    return tx.execute(
        status -> {
          Operation operation = operations.find(id).orElseThrow(() -> missing(id));
          return finish(operation, loadPayment(operation), result);
        });
  }

  /** The current state of an operation, for a caller that needs to know whether it settled. */
  public OperationStatus status(OperationId id) {
    return operations.find(id).map(Operation::status).orElseThrow(() -> missing(id));
  }

  private GatewayResult call(Operation operation, Payment payment) {
    String key = operation.id().gatewayKey();
    if (operation.kind() == OperationKind.AUTHORIZE
        && operation.status() == OperationStatus.UNKNOWN
        && operation.gatewayRef() != null) {
      // The gateway accepted it as pending: ask how it ended rather than send it again.
      return gateway.retrieve(operation.gatewayRef());
    }
    return switch (operation.kind()) {
      case AUTHORIZE ->
          gateway.authorize(
              new PaymentGateway.AuthorizeCall(
                  key,
                  payment.id().toString(),
                  payment.orderId().toString(),
                  operation.amount(),
                  payment.amount().currencyCode(),
                  payment.paymentMethod(),
                  payment.captureMethod() == CaptureMethod.AUTOMATIC));
      case CAPTURE ->
          gateway.capture(
              new PaymentGateway.CaptureCall(key, payment.gatewayChargeId(), operation.amount()));
      case VOID -> gateway.voidCharge(new PaymentGateway.VoidCall(key, payment.gatewayChargeId()));
      case REFUND ->
          gateway.refund(
              new PaymentGateway.RefundCall(key, payment.gatewayChargeId(), operation.amount()));
    };
  }

  private ApiResponse finish(Operation operation, Payment before, GatewayResult result) {
    OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    var finished =
        switch (result) {
          case GatewayResult.Approved a ->
              operations.finish(
                  operation.id(), OperationStatus.SUCCEEDED, a.reference(), null, now);
          case GatewayResult.Declined d ->
              operations.finish(
                  operation.id(), OperationStatus.FAILED, d.reference(), d.code(), now);
          case GatewayResult.Pending p ->
              operations.finish(operation.id(), OperationStatus.UNKNOWN, p.reference(), null, now);
          case GatewayResult.Unknown u -> {
            log.warn("{} {}: outcome unknown ({})", operation.kind(), operation.id(), u.reason());
            yield operations.finish(operation.id(), OperationStatus.UNKNOWN, null, null, now);
          }
        };
    if (finished.isEmpty()) {
      // Another executor settled it first; it also applied the effects. Only read.
      Operation settled =
          operations.find(operation.id()).orElseThrow(() -> missing(operation.id()));
      return render(settled, loadPayment(settled));
    }
    Payment after = apply(finished.get(), before, result, now);
    if (finished.get().status() == OperationStatus.UNKNOWN) {
      // Resolved by the queue: re-sent with the same key, or looked up, until it settles.
      outbox.enqueue(JobKind.OPERATION, operation.id().value(), now.plus(FIRST_RECOVERY), now);
    }
    ApiResponse response = render(finished.get(), after);
    keys.completeForOperation(operation.id().value(), response);
    return response;
  }

  private Payment apply(Operation op, Payment payment, GatewayResult result, OffsetDateTime now) {
    return switch (op.kind()) {
      case AUTHORIZE -> applyAuthorization(op, payment, result, now);
      case CAPTURE -> applyPending(op, payment, result, PaymentEvent.CAPTURED, op.amount(), now);
      case VOID -> applyPending(op, payment, result, PaymentEvent.VOIDED, 0, now);
      case REFUND -> applyRefund(op, payment, result, now);
    };
  }

  private Payment applyAuthorization(
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
        emit(after, EventType.PAYMENT_AUTHORIZED, now);
        emit(order, EventType.ORDER_AUTHORIZED, now);
      }
      case AUTHORIZED_AND_CAPTURED -> {
        emit(after, EventType.PAYMENT_CAPTURED, now);
        emit(order, EventType.ORDER_PAID, now);
      }
      case DECLINED -> emit(after, EventType.PAYMENT_FAILED, now);
      default -> {}
    }
    return after;
  }

  private Payment applyPending(
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
          emit(after, EventType.PAYMENT_CAPTURED, now);
          emit(order, EventType.ORDER_PAID, now);
        } else {
          emit(after, EventType.PAYMENT_VOIDED, now);
          emit(order, EventType.ORDER_CANCELED, now);
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

  private Payment applyRefund(
      Operation op, Payment payment, GatewayResult result, OffsetDateTime now) {
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
        events.emit(
            after.merchant(),
            EventType.PAYMENT_REFUNDED,
            op.id().refundId(),
            RefundView.of(op, after),
            now);
        if (orderEvent == OrderEvent.FULLY_REFUNDED) {
          emit(order, EventType.ORDER_REFUNDED, now);
        }
        yield after;
      }
      case GatewayResult.Declined d -> {
        Payment after =
            payments
                .releaseRefund(payment.id(), op.amount(), now)
                .orElseThrow(() -> guardFailed(op, "refund reservation", null));
        events.emit(
            after.merchant(),
            EventType.PAYMENT_REFUND_FAILED,
            op.id().refundId(),
            RefundView.of(op, after),
            now);
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

  private void emit(Payment payment, EventType type, OffsetDateTime now) {
    events.emit(payment.merchant(), type, payment.id().toString(), PaymentView.of(payment), now);
  }

  private void emit(Order order, EventType type, OffsetDateTime now) {
    events.emit(order.merchant(), type, order.id().toString(), OrderView.of(order), now);
  }

  /**
   * The operation row said we won, yet a dependent guarded write matched nothing: state was changed
   * outside the state machine. Roll back and shout rather than record half an outcome.
   */
  private static IllegalStateException guardFailed(Operation op, String what, Object event) {
    return new IllegalStateException(
        "finalizing " + op.kind() + " " + op.id() + ": " + what + " refused " + event);
  }

  private Payment reload(Payment payment) {
    return payments.find(payment.merchant(), payment.id()).orElseThrow();
  }

  private Payment loadPayment(Operation operation) {
    return payments
        .find(operation.merchant(), operation.paymentId())
        .orElseThrow(
            () -> new IllegalStateException("operation without payment: " + operation.id()));
  }

  /** The answer for an operation in its current state; deterministic, so replays match. */
  static ApiResponse render(Operation op, Payment payment) {
    boolean settled = op.status().settled();
    if (op.status() == OperationStatus.FAILED) {
      return switch (op.kind()) {
        case AUTHORIZE ->
            Json.error(
                new ApiException(
                    ErrorCode.CARD_DECLINED,
                    "Payment " + payment.id() + " was declined: " + op.failureCode() + ".",
                    "payment_method"));
        case CAPTURE, VOID, REFUND ->
            Json.error(
                new ApiException(
                    ErrorCode.GATEWAY_REJECTED,
                    "The gateway refused the "
                        + op.kind().dbName()
                        + " of payment "
                        + payment.id()
                        + ": "
                        + op.failureCode()
                        + "."));
      };
    }
    return switch (op.kind()) {
      case AUTHORIZE -> new ApiResponse(settled ? 201 : 202, Json.write(PaymentView.of(payment)));
      case CAPTURE, VOID ->
          new ApiResponse(settled ? 200 : 202, Json.write(PaymentView.of(payment)));
      case REFUND -> new ApiResponse(settled ? 201 : 202, Json.write(RefundView.of(op, payment)));
    };
  }

  private static IllegalStateException missing(OperationId id) {
    return new IllegalStateException("no operation " + id);
  }
}
